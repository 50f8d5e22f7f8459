package com.audiencesync.batch.reports;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;

import com.audiencesync.delivery.DeliveryCounts;
import com.audiencesync.state.RejectedRows.ReasonCount;
import com.audiencesync.state.SyncConflicts.Conflict;

/**
 * What a run did, over all its executions (a restart adds to the first attempt's counts).
 *
 * @param jobName the job
 * @param runDate the business date, or {@code from..to} for a backfill window
 * @param run {@code nightly} or {@code backfill}
 * @param executionId the execution reported
 * @param status its status
 * @param exitMessage why it failed, or empty
 * @param start when the execution started
 * @param duration how long it ran
 * @param attempts how long every execution of the run took together, up to and with this
 * one: what its counts, which add the attempts up, were made in
 * @param partitions partitions (files) in the run
 * @param read rows read
 * @param delivered rows the vendor accepted
 * @param rejected rows rejected, bad source rows and vendor refusals
 * @param requests requests sent, retries and bisection included
 * @param conflicts upsert keys sent with two identities (Groobee: one phone, two member
 * ids)
 * @param chains rows linked to an earlier row's user (Braze: A into B, then B into C)
 * @param skipped rows a destination does not take ({@code when}, nothing to change)
 * @param unchanged rows not sent: the vendor already holds exactly that payload (on a
 * planned night, with the superseded ones)
 * @param superseded rows a planned night did not send because a later row of the same key
 * (by file name, then line) was kept
 * @param deferred planned rows of a table not sent because they were not where the plan
 * read them (deleted or moved since, or their key changed): their keys keep what the
 * vendor holds, and the next night sends them as they are then
 * @param points the data points sent and unchanged, where a vendor bills by them (Braze
 * attributes): what change detection saved; zeros elsewhere
 * @param destinations per destination, when a spec has several (their deliveries add up
 * in {@code delivered})
 * @param reasons rejected rows by reason
 * @param conflictExamples the first keys sent with two identities (masked)
 * @param mirrors what each mirrored destination deleted
 * @param replays what each destination's replay of earlier refusals did
 */
public record RunReport(String jobName, String runDate, String run, long executionId, String status, String exitMessage,
		LocalDateTime start, Duration duration, Duration attempts, int partitions, long read, long delivered,
		long rejected, long requests, long conflicts, long chains, long skipped, long unchanged, long superseded,
		long deferred, DataPoints points, List<DestinationCount> destinations, List<ReasonCount> reasons,
		List<Conflict> conflictExamples, List<MirrorCount> mirrors, List<ReplayCount> replays) {

	/**
	 * What one of several destinations did.
	 *
	 * @param destination {@code vendor/endpoint}
	 * @param delivered rows the vendor accepted
	 * @param rejected rows rejected for it
	 * @param skipped rows it does not take
	 * @param requests requests sent
	 * @param unchanged rows it already holds
	 * @param points its data points sent and unchanged (zeros where its vendor does not
	 * bill by them)
	 */
	public record DestinationCount(String destination, long delivered, long rejected, long skipped, long requests,
			long unchanged, DataPoints points) {

		/**
		 * A destination's counts, with its planned night's unchanged data points (its
		 * merge's, counted before delivery).
		 */
		static DestinationCount of(DeliveryCounts counts, long plannedPointsUnchanged) {
			return new DestinationCount(counts.destination(), counts.delivered(), counts.rejected(), counts.skipped(),
					counts.requests(), counts.unchanged(),
					new DataPoints(counts.points(), counts.pointsUnchanged() + plannedPointsUnchanged));
		}

	}

	/**
	 * Data points, where a vendor bills by them (Braze: each attribute set on a profile,
	 * each event and purchase).
	 *
	 * @param sent the data points of the rows the vendor accepted
	 * @param unchanged the data points of the rows not sent because the vendor already
	 * holds them: what change detection saved
	 */
	public record DataPoints(long sent, long unchanged) {

		/** Whether any were counted. */
		public boolean counted() {
			return this.sent > 0 || this.unchanged > 0;
		}

	}

	/**
	 * What the mirror of one destination deleted.
	 *
	 * @param destination the mirrored destination ({@code vendor/endpoint})
	 * @param status its mirror step's status
	 * @param deleted keys the vendor deleted
	 * @param refused deletions the vendor refused (tried again the next night)
	 * @param requests deletion requests sent
	 * @param undeletable keys no longer in the source whose key fields were never kept
	 * (sent before the destination mirrored)
	 */
	public record MirrorCount(String destination, String status, long deleted, long refused, long requests,
			long undeletable) {
	}

	/**
	 * What one destination's replay of the rows its vendor refused in earlier runs did.
	 *
	 * @param destination {@code vendor/endpoint}
	 * @param status its replay step's status
	 * @param replayed rows sent again
	 * @param delivered of those, rows the vendor accepted
	 * @param unchanged of those, rows the vendor already held (this run's extract had
	 * them)
	 * @param refused of those, rows refused again (or now rejected by the mapping)
	 * @param requests requests sent
	 * @param givenUp rows refused again by the last run {@code retry.max-runs} allows
	 */
	public record ReplayCount(String destination, String status, long replayed, long delivered, long unchanged,
			long refused, long requests, long givenUp) {
	}

}
