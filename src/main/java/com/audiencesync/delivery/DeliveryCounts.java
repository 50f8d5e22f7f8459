package com.audiencesync.delivery;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import com.audiencesync.names.Names;

import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * What one writer of a partition counted, as saved in its execution context under its
 * prefix ({@code writer.delivered}, {@code writer[hackle/properties].delivered}): the
 * writer saves it with each chunk and reads it back on a restart, and the run report adds
 * up every partition's.
 *
 * @param destination {@code vendor/endpoint} for one of several destinations, empty for a
 * spec's only one
 * @param seen rows given to the writer
 * @param delivered rows the vendor accepted
 * @param rejected rows rejected (bad source rows and vendor refusals)
 * @param requests requests sent, retries and bisection included
 * @param conflicts upsert keys sent with two identities
 * @param chains rows linked to an earlier row's user
 * @param skipped rows the destination does not take ({@code when}, nothing to change)
 * @param unchanged rows not sent because the vendor already holds exactly that payload
 * @param points data points of the delivered rows, where the vendor bills by them
 * ({@code EndpointDescriptor#bills()})
 * @param pointsUnchanged data points of the unchanged rows counted here (a planned
 * night's are its plan's: see the merge's counts)
 * @param deferred planned rows of a table not sent tonight: not where the plan read them
 * (deleted, or moved by rows inserted or deleted before them, or their key changed), so
 * their keys keep what the vendor holds and the next night sends them as they are then
 */
public record DeliveryCounts(String destination, long seen, long delivered, long rejected, long requests,
		long conflicts, long chains, long skipped, long unchanged, long points, long pointsUnchanged, long deferred) {

	/** Nothing counted yet. */
	public static DeliveryCounts none(String destination) {
		return new DeliveryCounts(destination, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
	}

	/** The counters' prefix of a destination: {@code writer} or {@code writer[id]}. */
	static String prefix(String destination) {
		return destination.isEmpty() ? Names.WRITER : Names.writer(destination);
	}

	/** The counts saved under that destination's prefix (zeros where none are). */
	static DeliveryCounts read(ExecutionContext context, String destination) {
		long[] values = new long[Names.WRITER_COUNTERS.size()];
		for (int i = 0; i < values.length; i++) {
			values[i] = context.getLong(key(destination, i), 0);
		}
		return new DeliveryCounts(destination, values[0], values[1], values[2], values[3], values[4], values[5],
				values[6], values[7], values[8], values[9], values[10]);
	}

	/** Saves the counts under the destination's prefix. */
	void write(ExecutionContext context) {
		long[] values = values();
		for (int i = 0; i < values.length; i++) {
			context.putLong(key(this.destination, i), values[i]);
		}
	}

	/** The counts of every writer saved in a partition's context, by destination. */
	public static List<DeliveryCounts> of(ExecutionContext context) {
		String seen = "." + Names.WRITER_COUNTERS.get(0);
		List<DeliveryCounts> counts = new ArrayList<>();
		for (Map.Entry<String, Object> entry : context.entrySet()) {
			String key = entry.getKey();
			if (!key.startsWith(Names.WRITER) || !key.endsWith(seen)) {
				continue;
			}
			String prefix = key.substring(0, key.length() - seen.length());
			String destination = (prefix.length() > Names.WRITER.length())
					? prefix.substring(Names.WRITER.length() + 1, prefix.length() - 1) : "";
			counts.add(read(context, destination));
		}
		counts.sort(Comparator.comparing(DeliveryCounts::destination));
		return counts;
	}

	/** These counts and another's added up. */
	public DeliveryCounts plus(DeliveryCounts other) {
		return new DeliveryCounts(this.destination, this.seen + other.seen, this.delivered + other.delivered,
				this.rejected + other.rejected, this.requests + other.requests, this.conflicts + other.conflicts,
				this.chains + other.chains, this.skipped + other.skipped, this.unchanged + other.unchanged,
				this.points + other.points, this.pointsUnchanged + other.pointsUnchanged,
				this.deferred + other.deferred);
	}

	/** In the order of {@link Names#WRITER_COUNTERS}. */
	long[] values() {
		return new long[] { this.seen, this.delivered, this.rejected, this.requests, this.conflicts, this.chains,
				this.skipped, this.unchanged, this.points, this.pointsUnchanged, this.deferred };
	}

	private static String key(String destination, int counter) {
		return prefix(destination) + "." + Names.WRITER_COUNTERS.get(counter);
	}

}
