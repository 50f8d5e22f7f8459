package com.audiencesync.delivery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.audiencesync.destination.Endpoint;
import com.audiencesync.state.Hash;
import com.audiencesync.state.SyncState.Stored;
import com.audiencesync.state.snapshot.DryPlan;
import com.audiencesync.state.snapshot.NightMerge;
import com.audiencesync.state.snapshot.NightRecord;
import com.audiencesync.transform.Transformed;

/**
 * What a run would do to one destination, compared with the sync state, sending and
 * writing nothing: rows it would create (a key the state does not know), update (another
 * payload than the vendor holds), leave unchanged, send (endpoints that do not upsert),
 * reject, skip, and keys a mirror would delete. Reads the state a batch of rows at a
 * time; for a mirror it remembers which known keys the read produced (8 bytes each).
 *
 * @param <R> the endpoint's request record
 */
public final class DryRun<R> {

	/** Rows per state query. */
	static final int BATCH = 500;

	private final Endpoint<R> endpoint;

	private final SyncStores stores;

	private final String job;

	private final boolean mirror;

	private final ChangeDetection<R> ledger;

	private final List<Pending<R>> buffer = new ArrayList<>();

	private final List<Hash> rejectedKeys = new ArrayList<>();

	private final LongSet seen;

	private final int sampleLimit;

	private final List<String> samples = new ArrayList<>();

	private final Map<String, Long> invalid = new LinkedHashMap<>();

	private long create;

	private long update;

	private long unchanged;

	/** Data points of the rows that would be sent, where the vendor bills by them. */
	private long points;

	/** Data points of the unchanged rows. */
	private long pointsUnchanged;

	private long send;

	private long skipped;

	/** On a planned night: the night's records, merged at the end; else null. */
	private final DryPlan plan;

	/**
	 * On a planned night: rows that may be shown, by origin, until the merge says which
	 * are sent.
	 */
	private final Map<Long, String> candidates = new TreeMap<>();

	private int partition;

	/**
	 * What one destination would get (see {@code Preview.Diff}, which shows it).
	 *
	 * @param destination {@code vendor/endpoint}
	 * @param compared whether rows were compared with the state
	 * @param create rows of keys the state does not know
	 * @param update rows whose payload differs
	 * @param unchanged rows the vendor holds exactly
	 * @param send rows sent without comparison
	 * @param delete keys a mirror would delete, or -1
	 * @param known keys the state knows
	 * @param invalid rows rejected by reason code, most frequent first
	 * @param skipped rows the destination does not take
	 * @param samples rows that would be sent, masked
	 * @param points the data points of the rows that would be sent, where the vendor
	 * bills by them (0 elsewhere)
	 * @param pointsUnchanged the data points of the unchanged rows, not sent
	 */
	public record Counts(String destination, boolean compared, long create, long update, long unchanged, long send,
			long delete, long known, Map<String, Long> invalid, long skipped, List<String> samples, long points,
			long pointsUnchanged) {
	}

	/**
	 * @param endpoint the endpoint (never called: only its request records are built)
	 * @param stores the tables and keyed hash, or null to compare nothing
	 * @param job the job
	 * @param mirror whether the destination mirrors
	 * @param sampleLimit how many rows to show
	 */
	public DryRun(Endpoint<R> endpoint, SyncStores stores, String job, boolean mirror, int sampleLimit) {
		this.endpoint = endpoint;
		this.stores = stores;
		this.job = job;
		this.ledger = new ChangeDetection<>(endpoint, stores, new DeliveryWriter.Context(0, job, "dry-run", "dry-run"),
				false);
		this.mirror = mirror && this.ledger.detects();
		this.sampleLimit = sampleLimit;
		// a planned night's dry run is its plan and its merge, writing nothing
		this.plan = (stores != null && stores.nights() != null && NightPlanner.plans(endpoint))
				? stores.nights().dryPlan(stores.state().find(stores.target(job, endpoint.descriptor().id()))) : null;
		this.seen = (this.mirror && this.plan == null) ? new LongSet() : null;
	}

	/**
	 * The rows that follow are of the partition of that number (in the order of the
	 * partitions' names): on a planned night, the later of two rows of a key is kept.
	 */
	public void partition(int number) {
		flush();
		this.partition = number;
	}

	/** Takes a mapped row. */
	public void add(Transformed item) {
		if (item instanceof Transformed.Skipped) {
			this.skipped++;
		}
		else if (item instanceof Transformed.Rejected rejected) {
			this.invalid.merge(rejected.reasonCode(), 1L, Long::sum);
			if ((this.mirror || this.plan != null) && rejected.keyFields() != null) {
				String key = this.ledger.rowKeys().keying().key().apply(rejected.keyFields());
				if (key != null) {
					this.rejectedKeys.add(this.ledger.rowKeys().keyHash(key));
				}
			}
		}
		else if (item instanceof Transformed.Accepted accepted) {
			this.buffer.add(new Pending<>(accepted, this.endpoint.toRequest(accepted.row())));
		}
		if (this.buffer.size() + this.rejectedKeys.size() >= BATCH) {
			flush();
		}
	}

	private void flush() {
		if (this.plan != null) {
			plan();
			return;
		}
		if (!this.ledger.detects()) {
			for (Pending<R> row : this.buffer) {
				this.send++;
				this.points += this.ledger.rowKeys().points(row);
				sample("send", row);
			}
			this.buffer.clear();
			return;
		}
		List<Pending<R>> keyed = this.ledger.rowKeys().key(this.buffer);
		List<Hash> keys = new ArrayList<>(this.rejectedKeys);
		keys.addAll(RowKeys.keys(keyed));
		Map<Hash, Stored> stored = this.stores.state()
			.find(this.stores.target(this.job, this.ledger.destination()), keys);
		if (this.mirror) {
			stored.keySet().forEach((hash) -> this.seen.add(hash.prefix()));
		}
		for (Pending<R> row : keyed) {
			Stored before = (row.hashes() != null) ? stored.get(row.hashes().key()) : null;
			if (before == null) {
				this.create++;
				this.points += this.ledger.rowKeys().points(row);
				sample("create", row);
			}
			else if (!this.stores.resync() && before.fingerprint().equals(row.hashes().fingerprint())) {
				this.unchanged++;
				this.pointsUnchanged += this.ledger.rowKeys().points(row);
			}
			else {
				this.update++;
				this.points += this.ledger.rowKeys().points(row);
				sample("update", row);
			}
		}
		this.buffer.clear();
		this.rejectedKeys.clear();
	}

	/** A planned night's rows: planned; the first few kept to show if they are sent. */
	private void plan() {
		for (Hash key : this.rejectedKeys) {
			this.plan.add(this.partition, key.bytes(), 0, null, null);
		}
		for (Pending<R> row : this.ledger.rowKeys().key(this.buffer)) {
			KeyHashes hashes = row.hashes();
			if (hashes == null) {
				this.send++;
				this.points += this.ledger.rowKeys().points(row);
				sample("send", row);
				continue;
			}
			long position = row.accepted().origin().position();
			this.plan.add(this.partition, hashes.key().bytes(), position, hashes.fingerprint().bytes(),
					(hashes.identity() != null) ? hashes.identity().bytes() : null);
			if (this.candidates.size() < CANDIDATES) {
				this.candidates.put(NightRecord.origin(this.partition, position),
						row.accepted().origin().where() + " " + row.accepted().masked());
			}
		}
		this.buffer.clear();
		this.rejectedKeys.clear();
	}

	/** Rows a planned night's dry run keeps to show, before it knows which are sent. */
	static final int CANDIDATES = 10_000;

	private void sample(String action, Pending<R> row) {
		if (this.samples.size() < this.sampleLimit) {
			this.samples.add(action + " " + row.accepted().origin().where() + " " + row.accepted().masked());
		}
	}

	/** What the run would do, once every row was added. */
	public Counts finish() {
		flush();
		if (this.plan != null) {
			try (this.plan) {
				List<String> shown = new ArrayList<>();
				boolean bills = this.endpoint.descriptor().bills();
				NightMerge.Counts counts = this.plan.merge(this.stores.resync(), this.mirror,
						(origin, created, fingerprint1) -> {
							if (bills) {
								this.points += NightRecord.points(fingerprint1);
							}
							String row = this.candidates.get(origin);
							if (row != null && shown.size() < this.sampleLimit) {
								shown.add((created ? "create " : "update ") + row);
							}
						});
				this.samples.addAll(0, shown);
				while (this.samples.size() > this.sampleLimit) {
					this.samples.remove(this.samples.size() - 1);
				}
				return new Counts(this.ledger.destination(), true, counts.create(),
						counts.update() + (this.stores.resync() ? counts.unchanged() : 0),
						this.stores.resync() ? 0 : counts.unchanged(), this.send, this.mirror ? counts.deletes() : -1,
						counts.known(), invalidByCount(), this.skipped, List.copyOf(this.samples), this.points,
						bills ? counts.pointsUnchanged() : 0);
			}
		}
		long known = this.ledger.detects()
				? this.stores.state().count(this.stores.target(this.job, this.ledger.destination())) : 0;
		long delete = this.mirror ? Math.max(0, known - this.seen.size()) : -1;
		return new Counts(this.ledger.destination(), this.ledger.detects(), this.create, this.update, this.unchanged,
				this.send, delete, known, invalidByCount(), this.skipped, List.copyOf(this.samples), this.points,
				this.pointsUnchanged);
	}

	private Map<String, Long> invalidByCount() {
		Map<String, Long> invalid = new LinkedHashMap<>();
		this.invalid.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
			.forEach((entry) -> invalid.put(entry.getKey(), entry.getValue()));
		return invalid;
	}

}
