package com.audiencesync.state.snapshot;

import java.util.List;
import java.util.Map;

import com.audiencesync.state.Resealing;
import com.audiencesync.state.SyncState;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seals again, under the aead keyset's primary key, the key fields that mirrored targets
 * keep in their snapshots: their current generation, a night's planned one waiting for
 * its restart, and the plan pages (rows and deletions) of nights not yet switched. Each
 * is written anew beside the old one and replaces it in one step, so a stop halfway
 * leaves every key under one key or the other. The targets of a job with a running
 * execution are left for a later pass.
 */
final class SnapshotResealing {

	/** A plan page kind's stand-in while its pages are written again. */
	private static final char REWRITING = 'x';

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final Snapshots snapshots;

	private final PlanPages pages;

	SnapshotResealing(JdbcTemplate jdbc, TransactionTemplate transactions, Snapshots snapshots, PlanPages pages) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.snapshots = snapshots;
		this.pages = pages;
	}

	/**
	 * A pass over every target.
	 * @param skipped told the {@code job/destination} of each target left for later
	 */
	Resealing.Count reseal(Resealing.Resealer resealer, List<String> skipped) {
		long[] count = new long[2];
		for (Map<String, Object> row : this.jdbc
			.queryForList("SELECT TARGET_ID, JOB_NAME, DESTINATION FROM AS_SYNC_TARGET ORDER BY TARGET_ID")) {
			int target = ((Number) row.get("TARGET_ID")).intValue();
			String job = (String) row.get("JOB_NAME");
			String destination = (String) row.get("DESTINATION");
			if (!sealed(target)) {
				continue;
			}
			if (running(job)) {
				skipped.add(job + "/" + destination);
				continue;
			}
			String context = SyncState.sealContext(job, destination);
			for (Snapshots.Generation generation : resting(target)) {
				generation(generation, resealer, context, count);
			}
			for (Map<String, Object> plan : this.jdbc.queryForList(
					"SELECT DISTINCT RUN_KEY, KIND, PART FROM AS_PLAN_PAGE WHERE TARGET_ID = ? AND KIND IN (?, ?)",
					target, String.valueOf(PlanPages.RECORDS), String.valueOf(PlanPages.DELETIONS))) {
				char kind = ((String) plan.get("KIND")).charAt(0);
				planPages(target, (String) plan.get("RUN_KEY"), kind, (String) plan.get("PART"),
						(kind == PlanPages.RECORDS) ? NightRecord.WIDTH : 2, resealer, context, count);
			}
		}
		return new Resealing.Count(count[0], count[1]);
	}

	/** Whether a target keeps key fields: a sealed generation, or plan pages. */
	private boolean sealed(int target) {
		Long generations = this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM AS_SNAPSHOT WHERE TARGET_ID = ? AND SEALED = 'Y'", Long.class, target);
		Long plans = this.jdbc.queryForObject("SELECT COUNT(*) FROM AS_PLAN_PAGE WHERE TARGET_ID = ?", Long.class,
				target);
		return (generations != null && generations > 0) || (plans != null && plans > 0);
	}

	/** Whether an execution of the job is running (its pages may be being written). */
	private boolean running(String job) {
		Long running = this.jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i "
				+ "ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID WHERE i.JOB_NAME = ? AND e.STATUS IN ('STARTING', "
				+ "'STARTED', 'STOPPING')", Long.class, job);
		return running != null && running > 0;
	}

	/** A target's sealed generations that are current or wait for their night's end. */
	private List<Snapshots.Generation> resting(int target) {
		return this.jdbc.query(
				"SELECT GENERATION, ENTRIES, PAGES, RUN_KEY, STATE FROM AS_SNAPSHOT WHERE TARGET_ID = ? AND "
						+ "SEALED = 'Y' AND STATE IN ('CURRENT', 'READY') ORDER BY GENERATION",
				(rs, row) -> new Snapshots.Generation(target, rs.getLong(1), rs.getLong(2), rs.getInt(3), true,
						rs.getString(4)),
				target);
	}

	private void generation(Snapshots.Generation generation, Resealing.Resealer resealer, String context,
			long[] count) {
		boolean current = this.snapshots.current(generation.target())
			.map((held) -> held.generation() == generation.generation())
			.orElse(false);
		Long execution = this.jdbc.queryForObject(
				"SELECT JOB_EXECUTION_ID FROM AS_SNAPSHOT WHERE TARGET_ID = ? AND GENERATION = ?", Long.class,
				generation.target(), generation.generation());
		GenerationWriter writer = this.snapshots.writer(generation.target(), execution, true, generation.runKey());
		long resealed = 0;
		try (GenerationCursor entries = this.snapshots.read(generation)) {
			long[] entry = new long[Snapshots.WIDTH];
			while (entries.next(entry)) {
				byte[] sealed = entries.sealed();
				byte[] again = (sealed != null) ? resealer.reseal(sealed, context) : null;
				count[0] += (sealed != null) ? 1 : 0;
				resealed += (again != null) ? 1 : 0;
				writer.add(entry, (again != null) ? again : sealed);
			}
		}
		if (resealed == 0) {
			this.snapshots.discard(writer);
			return;
		}
		count[1] += resealed;
		Snapshots.Generation again = writer.finish();
		if (current) {
			this.snapshots.makeCurrent(again);
			this.snapshots.deleteRetired(generation.target());
		}
		else {
			// the night's planned generation is the newest of its run: this one
			this.snapshots.delete(generation.target(), generation.generation());
		}
	}

	private void planPages(int target, String runKey, char kind, String part, int width, Resealing.Resealer resealer,
			String context, long[] count) {
		long[] resealed = { 0 };
		long[] examined = { 0 };
		RecordCursor pages = this.pages.read(target, runKey, kind, part, width);
		RecordCursor again = new RecordCursor() {
			private byte[] sealed;

			@Override
			public boolean next(long[] into) {
				if (!pages.next(into)) {
					return false;
				}
				byte[] held = pages.sealed();
				byte[] fresh = (held != null) ? resealer.reseal(held, context) : null;
				examined[0] += (held != null) ? 1 : 0;
				resealed[0] += (fresh != null) ? 1 : 0;
				this.sealed = (fresh != null) ? fresh : held;
				return true;
			}

			@Override
			public byte[] sealed() {
				return this.sealed;
			}
		};
		this.pages.write(target, runKey, REWRITING, part, again, width);
		count[0] += examined[0];
		count[1] += resealed[0];
		if (resealed[0] == 0) {
			this.pages.delete(target, runKey, REWRITING, part);
			return;
		}
		this.transactions.executeWithoutResult((status) -> {
			this.pages.delete(target, runKey, kind, part);
			this.jdbc.update(
					"UPDATE AS_PLAN_PAGE SET KIND = ? WHERE TARGET_ID = ? AND RUN_KEY = ? AND KIND = ? AND PART = ?",
					String.valueOf(kind), target, runKey, String.valueOf(REWRITING), part);
		});
	}

}
