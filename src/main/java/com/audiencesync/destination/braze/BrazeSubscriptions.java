package com.audiencesync.destination.braze;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.audiencesync.destination.Connection;
import com.audiencesync.destination.DeliveryOutcome;
import com.audiencesync.destination.EndpointBase;
import com.audiencesync.destination.HttpClients;
import com.audiencesync.destination.MappedRow;
import com.audiencesync.destination.RateLimiter;
import com.audiencesync.destination.braze.BrazeRows.SubscriptionChange;

/**
 * {@code POST /subscription/status/set}: Braze takes one subscription group, one state
 * and one kind of identifier a request, so a batch goes as one request each, in its
 * order. Setting a state twice does no harm, so a batch whose later request failed is
 * sent again whole. Each request takes a turn from the key's subscription budget.
 */
final class BrazeSubscriptions extends EndpointBase<SubscriptionChange> {

	private final BrazeApi api;

	private final BrazeAnswers answers;

	BrazeSubscriptions(Connection connection, RateLimiter limiter) {
		super(BrazeEndpoints.SUBSCRIPTION_STATUS, connection);
		this.api = HttpClients.exchange(BrazeApi.class, connection);
		this.answers = new BrazeAnswers(limiter, "subscription.status.set");
	}

	@Override
	public SubscriptionChange toRequest(MappedRow row) {
		String group = row.text("subscriptionGroupId");
		String state = row.text("subscriptionState");
		if (row.text("externalId") != null) {
			return new SubscriptionChange(group, state, "external_id", row.text("externalId"));
		}
		if (row.text("email") != null) {
			return new SubscriptionChange(group, state, "email", row.text("email"));
		}
		return new SubscriptionChange(group, state, "phone", row.text("phone"));
	}

	@Override
	public DeliveryOutcome send(List<SubscriptionChange> batch) {
		return BrazeAnswers.inTurn(BrazeRows
			.grouped(batch, (change) -> List.of(change.group(), change.state(), change.array()),
					SubscriptionChange::identifier)
			.entrySet()
			.stream()
			.<Supplier<DeliveryOutcome>>map((request) -> () -> {
				Map<String, Object> body = new LinkedHashMap<>();
				body.put("subscription_group_id", request.getKey().get(0));
				body.put("subscription_state", request.getKey().get(1));
				body.put(request.getKey().get(2), request.getValue());
				return set(body);
			})
			.toList());
	}

	private DeliveryOutcome set(Map<String, Object> body) {
		return this.answers.send(this.connection,
				() -> this.api.subscriptionStatus("Bearer " + this.connection.apiKey(), body));
	}

}
