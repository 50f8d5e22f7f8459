package com.audiencesync.batch.launch;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.audiencesync.batch.jobs.EndpointBinder;
import com.audiencesync.batch.jobs.JobFactory;
import com.audiencesync.batch.jobs.SyncStoresFactory;
import com.audiencesync.batch.run.RunIdentity;
import com.audiencesync.batch.run.RunOptions;
import com.audiencesync.delivery.DryRun;
import com.audiencesync.delivery.SyncStores;
import com.audiencesync.destination.EndpointDescriptor;
import com.audiencesync.destination.Vendors;
import com.audiencesync.source.Columns;
import com.audiencesync.source.KnownColumns;
import com.audiencesync.source.Source;
import com.audiencesync.source.SourceContext;
import com.audiencesync.source.SourceKinds;
import com.audiencesync.source.SourceRow;
import com.audiencesync.source.SourceUnavailableException;
import com.audiencesync.spec.DestinationSpec;
import com.audiencesync.spec.JobSpec;
import com.audiencesync.transform.ColumnCheck;
import com.audiencesync.transform.FieldCipher;
import com.audiencesync.transform.RowMapper;
import com.audiencesync.transform.Transformed;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.stereotype.Component;

/**
 * Pushes source rows through a spec's mapping without sending anything or touching the
 * job repository: {@code validate} (the first rows) and {@code run --dry-run} (all of
 * them).
 */
@Component
public class Preview {

	/** Rows a dry run shows per destination. */
	static final int SAMPLES = 5;

	private final JobFactory jobFactory;

	private final EndpointBinder endpoints;

	private final SyncStoresFactory stores;

	private final Preflight preflight;

	Preview(JobFactory jobFactory, EndpointBinder endpoints, SyncStoresFactory stores, Preflight preflight) {
		this.jobFactory = jobFactory;
		this.endpoints = endpoints;
		this.stores = stores;
		this.preflight = preflight;
	}

	/**
	 * What mapping the rows gives.
	 *
	 * @param read rows read
	 * @param accepted rows that would be sent
	 * @param requests requests that would carry them (no vendor-side rejection assumed)
	 * @param rejections rejected rows by reason: count and up to three examples
	 * @param samples the first accepted rows, masked
	 * @param diffs for a dry run, what each destination would get compared with the sync
	 * state; empty otherwise
	 * @param missingColumns each mapped column an extract (or the table) lacks, one line
	 * each with the closest name that is there: a run would stop before sending
	 */
	public record Result(long read, long accepted, long requests, Map<String, Rejections> rejections,
			List<String> samples, List<Diff> diffs, List<String> missingColumns) {

		/** Rows rejected, for any destination. */
		public long rejected() {
			return this.rejections.values().stream().mapToLong(Rejections::count).sum();
		}

	}

	/**
	 * What a dry run would do to one destination.
	 *
	 * @param destination {@code vendor/endpoint}
	 * @param compared whether rows were compared with the state (upserting endpoints)
	 * @param create rows of keys the vendor was never sent
	 * @param update rows whose payload differs from the one the vendor holds
	 * @param unchanged rows the vendor holds exactly
	 * @param send rows sent without comparison (events, deletions, merges)
	 * @param delete keys a mirror would delete, or -1 when the destination does not
	 * mirror
	 * @param known keys the state knows for the destination
	 * @param invalid rows rejected, by reason code, most frequent first
	 * @param skipped rows the destination does not take
	 * @param samples up to five rows that would be sent, personal data masked
	 */
	public record Diff(String destination, boolean compared, long create, long update, long unchanged, long send,
			long delete, long known, Map<String, Long> invalid, long skipped, List<String> samples, long points,
			long pointsUnchanged) {

		static Diff of(DryRun.Counts counts) {
			return new Diff(counts.destination(), counts.compared(), counts.create(), counts.update(),
					counts.unchanged(), counts.send(), counts.delete(), counts.known(), counts.invalid(),
					counts.skipped(), counts.samples(), counts.points(), counts.pointsUnchanged());
		}

		/** Rows rejected. */
		public long invalidTotal() {
			return this.invalid.values().stream().mapToLong(Long::longValue).sum();
		}

	}

	/**
	 * Rejections of one reason.
	 *
	 * @param count how many
	 * @param examples {@code file:line: message}, personal data masked
	 */
	public record Rejections(long count, List<String> examples) {
	}

	/**
	 * Maps up to {@code limit} rows of every partition (all when limit is negative),
	 * outside any job: nothing is kept of the source's plan.
	 * @param beans the application's beans the source kind may need (an S3 client, the
	 * warehouses)
	 */
	public static Result preview(JobSpec spec, LocalDate runDate, long limit, SourceContext.Beans beans) {
		RunIdentity identity = RunIdentity.nightly(runDate);
		return run(spec, identity, source(spec, identity, beans), limit, List.of(), FieldCipher.PREVIEW);
	}

	/**
	 * Why the source of that date's run cannot be reached at all (its folder, bucket or
	 * warehouse), if it cannot.
	 */
	public static Optional<String> unavailable(JobSpec spec, LocalDate runDate, SourceContext.Beans beans) {
		try {
			source(spec, RunIdentity.nightly(runDate), beans).check();
			return Optional.empty();
		}
		catch (SourceUnavailableException ex) {
			return Optional.of(ex.getMessage());
		}
	}

	private static Source source(JobSpec spec, RunIdentity identity, SourceContext.Beans beans) {
		return SourceKinds.create(spec.source(), new SourceContext(null, identity.from(), identity.to(),
				spec.file().getParent(), spec.zoneOrDefault(), spec.chunkSize(), beans, ColumnCheck.of(spec)::reads));
	}

	/**
	 * Reads and maps every row and compares each destination's with the sync state,
	 * sending and writing nothing ({@code run --dry-run}).
	 */
	public Result dryRun(JobSpec spec, LocalDate runDate, RunOptions options) {
		this.preflight.check(spec, Preflight.Use.DRY_RUN, options);
		SyncStores stores = this.stores.forDryRun(spec, options, this.jobFactory.account(spec, options));
		List<DryRun<?>> diffs = new ArrayList<>();
		for (DestinationSpec target : spec.targets()) {
			diffs.add(new DryRun<>(this.endpoints.offline(target, options, spec.name()), stores, spec.name(),
					target.mirrors(), SAMPLES));
		}
		RunIdentity identity = RunIdentity.nightly(runDate);
		// the payloads compared with the state are the ones a run would send
		return run(spec, identity, this.jobFactory.source(spec, identity), -1, diffs, this.stores.cipher(spec));
	}

	private static Result run(JobSpec spec, RunIdentity identity, Source source, long limit, List<DryRun<?>> diffs,
			FieldCipher cipher) {
		List<DestinationSpec> targets = spec.targets();
		List<RowMapper> mappers = new ArrayList<>();
		int[] batchSizes = new int[targets.size()];
		for (int i = 0; i < targets.size(); i++) {
			EndpointDescriptor endpoint = Vendors.endpoint(targets.get(i).vendor(), targets.get(i).endpoint())
				.orElseThrow();
			mappers.add(new RowMapper(targets.get(i), endpoint, spec.zoneOrDefault(),
					spec.name() + "/" + identity.runKey(), cipher));
			batchSizes[i] = targets.get(i).batchSizeOr(endpoint.maxBatchSize());
		}
		long read = 0;
		long accepted = 0;
		long requests = 0;
		Map<String, Rejections> rejections = new LinkedHashMap<>();
		List<String> samples = new ArrayList<>();
		ColumnCheck columns = ColumnCheck.of(spec);
		List<String> missing = new ArrayList<>();
		// in the order of the partitions' names, as a planned night numbers them
		int number = 0;
		for (ExecutionContext partition : new TreeMap<>(source.partition(spec.gridSizeOrDefault())).values()) {
			int current = number++;
			diffs.forEach((diff) -> diff.partition(current));
			ItemStreamReader<SourceRow> reader = source.reader(partition);
			reader.open(new ExecutionContext());
			try {
				// what a run's partition checks: its header, else the keys of its first
				// chunk
				Optional<Columns> known = KnownColumns.of(reader);
				known.flatMap(columns::against).ifPresent((absent) -> missing.addAll(absent.lines()));
				ColumnCheck.Sample sample = known.isEmpty() ? columns.sample() : null;
				long[] acceptedHere = new long[targets.size()];
				SourceRow row;
				while ((limit < 0 || read < limit) && (row = reader.read()) != null) {
					read++;
					if (sample != null && sample.rows() < spec.chunkSize()) {
						sample.add(row);
					}
					for (int i = 0; i < targets.size(); i++) {
						Transformed result = mappers.get(i).map(row);
						if (!diffs.isEmpty()) {
							diffs.get(i).add(result);
						}
						String prefix = (targets.size() == 1) ? "" : targets.get(i).endpoint() + ": ";
						if (result instanceof Transformed.Accepted ok) {
							acceptedHere[i]++;
							if (samples.size() < 3) {
								samples.add(prefix + row.where() + ": " + ok.masked());
							}
						}
						else if (result instanceof Transformed.Rejected bad) {
							String reason = prefix + bad.reasonCode();
							Rejections before = rejections.getOrDefault(reason, new Rejections(0, List.of()));
							List<String> examples = new ArrayList<>(before.examples());
							if (examples.size() < 3) {
								examples.add(row.where() + ": " + bad.message());
							}
							rejections.put(reason, new Rejections(before.count() + 1, examples));
						}
					}
				}
				if (sample != null) {
					sample.missing().ifPresent((absent) -> missing.addAll(absent.lines()));
				}
				for (int i = 0; i < targets.size(); i++) {
					accepted += acceptedHere[i];
					long chunks = (long) Math.ceil((double) acceptedHere[i] / spec.chunkSize());
					requests += Math.max(chunks, (long) Math.ceil((double) acceptedHere[i] / batchSizes[i]));
				}
			}
			catch (Exception ex) {
				throw (ex instanceof RuntimeException runtime) ? runtime
						: new IllegalStateException(ex.getMessage(), ex);
			}
			finally {
				reader.close();
			}
		}
		return new Result(read, accepted, requests, rejections, samples,
				diffs.stream().map((diff) -> Diff.of(diff.finish())).toList(), missing);
	}

}
