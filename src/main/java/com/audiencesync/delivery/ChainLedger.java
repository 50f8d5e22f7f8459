package com.audiencesync.delivery;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.audiencesync.destination.Endpoint.Link;
import com.audiencesync.state.Hash;
import com.audiencesync.state.SyncLinks;

/**
 * Tells, a chunk at a time, whether a row that links two users (Braze: merged away, kept)
 * chains with an earlier row of the run: A into B, then B into C, or the reverse, whose
 * order the vendor does not guarantee. The run's links live in AS_SYNC_LINK (keyed
 * hashes), read once per chunk for its users: memory is bounded by the chunk. Without the
 * table (unit tests), chains are told within the chunk.
 */
final class ChainLedger {

	private final SyncStores stores;

	private final DeliveryWriter.Context context;

	ChainLedger(SyncStores stores, DeliveryWriter.Context context) {
		this.stores = stores;
		this.context = context;
	}

	/** The ledger of one chunk, given every link its rows make. */
	Chunk open(List<Link> links) {
		List<Hash> users = new ArrayList<>(links.size() * 2);
		for (Link link : links) {
			users.add(hash(link.from()));
			users.add(hash(link.to()));
		}
		Map<SyncLinks.Link, String> earlier = (this.stores != null)
				? this.stores.links().find(this.context.jobName(), this.context.runKey(), users) : Map.of();
		return new Chunk(new HashMap<>(earlier));
	}

	private Hash hash(String user) {
		return new Hash(
				(this.stores != null) ? this.stores.hash().of("link", user) : user.getBytes(StandardCharsets.UTF_8));
	}

	/** One chunk's view of the run's links. */
	final class Chunk {

		private final Map<SyncLinks.Link, String> known;

		private final Map<SyncLinks.Link, String> firstSeen = new HashMap<>();

		Chunk(Map<SyncLinks.Link, String> known) {
			this.known = known;
		}

		/** Notes a row's link; true when it chains with an earlier one of the run. */
		boolean chained(Link link, String where) {
			SyncLinks.Link from = new SyncLinks.Link(hash(link.from()), SyncLinks.FROM);
			SyncLinks.Link to = new SyncLinks.Link(hash(link.to()), SyncLinks.TO);
			// someone led to the user this row merges away, or merged away the one it
			// keeps
			String earlier = this.known.get(new SyncLinks.Link(from.user(), SyncLinks.TO));
			if (earlier == null) {
				earlier = this.known.get(new SyncLinks.Link(to.user(), SyncLinks.FROM));
			}
			note(to, where);
			note(from, where);
			return earlier != null;
		}

		private void note(SyncLinks.Link link, String where) {
			if (this.known.putIfAbsent(link, where) == null) {
				this.firstSeen.put(link, where);
			}
		}

		/** Records the links this chunk saw first; in the chunk's transaction. */
		void commit() {
			if (ChainLedger.this.stores != null) {
				ChainLedger.this.stores.links()
					.save(ChainLedger.this.context.jobName(), ChainLedger.this.context.runKey(), this.firstSeen);
			}
		}

	}

}
