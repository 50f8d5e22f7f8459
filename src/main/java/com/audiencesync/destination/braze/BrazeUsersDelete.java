package com.audiencesync.destination.braze;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.audiencesync.destination.Connection;
import com.audiencesync.destination.DeliveryOutcome;
import com.audiencesync.destination.EndpointBase;
import com.audiencesync.destination.HttpClients;
import com.audiencesync.destination.MappedRow;
import com.audiencesync.destination.RateLimiter;
import com.audiencesync.destination.braze.BrazeRows.Alias;
import com.audiencesync.destination.braze.BrazeRows.DeleteTarget;

/**
 * {@code POST /users/delete}: Braze takes one kind of identifier a request, so a batch
 * goes as one request a kind, in the batch's order. Deleting a user twice does no harm,
 * so a batch whose later request failed is sent again whole. Each request takes a turn
 * from the key's budget shared with users/merge.
 */
final class BrazeUsersDelete extends EndpointBase<DeleteTarget> {

	private final BrazeApi api;

	private final BrazeAnswers answers;

	BrazeUsersDelete(Connection connection, RateLimiter limiter) {
		super(BrazeEndpoints.USERS_DELETE, connection);
		this.api = HttpClients.exchange(BrazeApi.class, connection);
		this.answers = new BrazeAnswers(limiter, "users.delete");
	}

	@Override
	public DeleteTarget toRequest(MappedRow row) {
		if (row.text("externalId") != null) {
			return new DeleteTarget("external_ids", row.text("externalId"));
		}
		if (row.text("aliasName") != null) {
			return new DeleteTarget("user_aliases", new Alias(row.text("aliasName"), row.text("aliasLabel")));
		}
		if (row.text("brazeId") != null) {
			return new DeleteTarget("braze_ids", row.text("brazeId"));
		}
		if (row.text("email") != null) {
			return new DeleteTarget("email_addresses", row.text("email"));
		}
		return new DeleteTarget("phone_numbers", row.text("phone"));
	}

	@Override
	public DeliveryOutcome send(List<DeleteTarget> batch) {
		return BrazeAnswers.inTurn(BrazeRows.grouped(batch, DeleteTarget::array, DeleteTarget::identifier)
			.entrySet()
			.stream()
			.<Supplier<DeliveryOutcome>>map((kind) -> () -> delete(Map.of(kind.getKey(), kind.getValue())))
			.toList());
	}

	private DeliveryOutcome delete(Map<String, List<Object>> body) {
		return this.answers.send(this.connection, () -> this.api.delete("Bearer " + this.connection.apiKey(), body));
	}

}
