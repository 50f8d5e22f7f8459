package com.audiencesync.destination.braze;

import java.util.List;
import java.util.Optional;

import com.audiencesync.destination.Connection;
import com.audiencesync.destination.DeliveryOutcome;
import com.audiencesync.destination.EndpointBase;
import com.audiencesync.destination.HttpClients;
import com.audiencesync.destination.MappedRow;
import com.audiencesync.destination.RateLimiter;
import com.audiencesync.destination.braze.BrazeRows.Alias;
import com.audiencesync.destination.braze.BrazeRows.Identifier;
import com.audiencesync.destination.braze.BrazeRows.MergeRequest;
import com.audiencesync.destination.braze.BrazeRows.MergeUpdate;

/**
 * {@code POST /users/merge}. Each request first takes a turn from the key's rate limiter;
 * Braze's {@code X-RateLimit-*} answers steer it, and a 429 empties it until the window
 * resets.
 */
final class BrazeUsersMerge extends EndpointBase<MergeUpdate> {

	private final BrazeApi api;

	private final BrazeAnswers answers;

	BrazeUsersMerge(Connection connection, RateLimiter limiter) {
		super(BrazeEndpoints.USERS_MERGE, connection);
		this.api = HttpClients.exchange(BrazeApi.class, connection);
		this.answers = new BrazeAnswers(limiter, "users.merge");
	}

	@Override
	public MergeUpdate toRequest(MappedRow row) {
		return new MergeUpdate(identifier(row, "merge"), identifier(row, "keep"));
	}

	private static Identifier identifier(MappedRow row, String side) {
		String aliasName = row.text(side + "AliasName");
		String email = row.text(side + "Email");
		String phone = row.text(side + "Phone");
		// Braze takes a prioritization only with email or phone
		String prioritization = (email != null || phone != null) ? row.text(side + "Prioritization") : null;
		return new Identifier(row.text(side + "ExternalId"),
				(aliasName != null) ? new Alias(aliasName, row.text(side + "AliasLabel")) : null, email, phone,
				(prioritization != null) ? BrazeRowRules.priorities(prioritization) : null);
	}

	@Override
	public Optional<Link> link(MergeUpdate row) {
		return Optional.of(new Link(row.merge().key(), row.keep().key()));
	}

	@Override
	public DeliveryOutcome send(List<MergeUpdate> batch) {
		return this.answers.send(this.connection,
				() -> this.api.merge("Bearer " + this.connection.apiKey(), new MergeRequest(batch)));
	}

}
