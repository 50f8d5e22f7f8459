package com.audiencesync.delivery;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.audiencesync.crypto.Sealer;
import com.audiencesync.destination.MappedRow;
import com.audiencesync.destination.Masking;
import com.audiencesync.source.SourceRow;
import com.audiencesync.state.Hash;
import com.audiencesync.state.SyncState;
import com.audiencesync.state.Target;
import com.audiencesync.transform.Transformed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads the keys of a mirrored destination that the run's complete read did not produce:
 * their sealed key fields, opened, as rows of the vendor's deletion endpoint. Opening
 * refuses a run that would delete more than the spec allows. Pages through the state in
 * key-hash order, so memory is bounded by a page; a restart starts again from the first
 * key not deleted yet.
 */
public final class MirrorReader implements ItemStreamReader<Transformed> {

	private static final Logger log = LoggerFactory.getLogger(MirrorReader.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Keys per query. */
	static final int PAGE = 500;

	/** Keys kept before mirroring began, whose key fields were never sealed. */
	static final String UNSEALED = "mirror.unsealed";

	private final SyncStores stores;

	private final DeliveryWriter.Context context;

	private final String destination;

	private final Limit limit;

	private final Deque<SyncState.Unseen> page = new ArrayDeque<>();

	private Hash after;

	private boolean exhausted;

	private long position;

	private long unsealed;

	/**
	 * How much a run may delete.
	 *
	 * @param maxDeleteRatio the share of the known keys
	 * @param allowMassDelete whether the run may delete more
	 */
	public record Limit(double maxDeleteRatio, boolean allowMassDelete) {

		/**
		 * Refuses deletions of more than the ratio of the known keys, naming the figures,
		 * unless the run allows them.
		 * @param destination the mirrored destination ({@code vendor/endpoint})
		 * @param deletes keys to delete
		 * @param known keys the vendor was sent
		 */
		public void check(String destination, long deletes, long known) {
			double ratio = (known == 0) ? 0 : (double) deletes / known;
			if (ratio > this.maxDeleteRatio && !this.allowMassDelete) {
				throw new IllegalStateException(String.format(Locale.ROOT,
						"mirror %s: the source no longer has %d of the %d keys the vendor was sent (%.0f%%), more than "
								+ "mirror.max-delete-ratio %.0f%%; nothing was deleted. Check the extract is complete, "
								+ "then run again with --allow-mass-delete to delete them",
						destination, deletes, known, ratio * 100, this.maxDeleteRatio * 100));
			}
		}

	}

	/**
	 * @param stores the run's tables (with the sealer)
	 * @param context the run ({@code partition} is the mirror's step)
	 * @param destination the mirrored destination ({@code vendor/endpoint})
	 * @param limit how much it may delete
	 */
	public MirrorReader(SyncStores stores, DeliveryWriter.Context context, String destination, Limit limit) {
		this.stores = stores;
		this.context = context;
		this.destination = destination;
		this.limit = limit;
	}

	@Override
	public void open(ExecutionContext executionContext) {
		SyncState state = this.stores.state();
		Target target = this.stores.target(this.context.jobName(), this.destination);
		long known = state.count(target);
		long unseen = state.countUnseen(target, this.context.runKey());
		this.limit.check(this.destination, unseen, known);
		log.info("mirror {}: {} of {} known key(s) no longer in the source, to delete", this.destination, unseen,
				known);
		// a restart reads again from the first key not deleted: count again
		this.unsealed = 0;
	}

	@Override
	public Transformed read() {
		while (true) {
			if (this.page.isEmpty() && !this.exhausted) {
				List<SyncState.Unseen> next = this.stores.state()
					.unseen(this.stores.target(this.context.jobName(), this.destination), this.context.runKey(),
							this.after, PAGE);
				this.page.addAll(next);
				this.exhausted = next.size() < PAGE;
				if (!next.isEmpty()) {
					this.after = next.get(next.size() - 1).keyHash();
				}
			}
			SyncState.Unseen key = this.page.poll();
			if (key == null) {
				return null;
			}
			if (key.keySealed() == null) {
				// sent before the destination mirrored and never read since
				this.unsealed++;
				continue;
			}
			this.position++;
			return deletion(this.stores.sealer(), key.keySealed(), this.context.jobName(), this.destination,
					this.position);
		}
	}

	/**
	 * A row of a mirror's deletion endpoint: a key's fields, opened.
	 * @param sealer the run's sealer
	 * @param sealed the key fields, sealed in the destination's context
	 * @param job the job's name
	 * @param destination the mirrored destination ({@code vendor/endpoint})
	 * @param position the deletion's number in the step, from 1
	 */
	static Transformed deletion(Sealer sealer, byte[] sealed, String job, String destination, long position) {
		byte[] opened = sealer.open(sealed, SyncState.sealContext(job, destination));
		Map<String, Object> fields = JSON.readValue(opened, new TypeReference<LinkedHashMap<String, Object>>() {
		});
		Map<String, Object> masked = new LinkedHashMap<>();
		fields.forEach((name, value) -> masked.put(name,
				name.toLowerCase().contains("phone") ? Masking.phone(String.valueOf(value)) : Masking.text(value)));
		SourceRow origin = SourceRow.of("mirror " + destination, position, Map.of());
		return new Transformed.Accepted(origin, MappedRow.of(fields, null, "mirror-" + position),
				JSON.writeValueAsString(masked));
	}

	@Override
	public void update(ExecutionContext executionContext) {
		executionContext.putLong(UNSEALED, this.unsealed);
	}

	@Override
	public void close() {
		if (this.unsealed > 0) {
			log.warn("mirror {}: {} key(s) no longer in the source were sent before the destination mirrored and "
					+ "their key fields were never kept: they cannot be deleted (see docs/sync-state.md, Mirror)",
					this.destination, this.unsealed);
		}
	}

	/** Keys that could not be deleted, as saved in a mirror step's context. */
	public static long unsealed(ExecutionContext context) {
		return context.getLong(UNSEALED, 0L);
	}

}
