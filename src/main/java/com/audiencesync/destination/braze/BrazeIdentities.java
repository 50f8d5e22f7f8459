package com.audiencesync.destination.braze;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.audiencesync.destination.Connection;
import com.audiencesync.destination.DeliveryOutcome;
import com.audiencesync.destination.EndpointBase;
import com.audiencesync.destination.EndpointDescriptor;
import com.audiencesync.destination.HttpClients;
import com.audiencesync.destination.MappedRow;
import com.audiencesync.destination.RateLimiter;
import com.audiencesync.destination.braze.BrazeRows.TrackObject;

/**
 * The identity steps that come before merges, each request taking a turn from the key's
 * budget shared with users/merge:
 * <ul>
 * <li>{@code POST /users/alias/new}: {@code {"user_aliases": [{external_id?, alias_name,
 * alias_label}]}};</li>
 * <li>{@code POST /users/alias/update}: {@code {"alias_updates": [{alias_label,
 * old_alias_name, new_alias_name}]}};</li>
 * <li>{@code POST /users/identify}: {@code {"aliases_to_identify": [{external_id,
 * user_alias}]}}, and {@code emails_to_identify} or {@code phone_numbers_to_identify}
 * with their prioritization.</li>
 * </ul>
 * Sending any of them twice does no harm: a restart's resent chunk is taken again.
 */
final class BrazeIdentities extends EndpointBase<TrackObject> {

	private final BrazeApi api;

	private final BrazeAnswers answers;

	private final boolean identify;

	private final boolean update;

	BrazeIdentities(EndpointDescriptor endpoint, Connection connection, RateLimiter limiter) {
		super(endpoint, connection);
		this.api = HttpClients.exchange(BrazeApi.class, connection);
		this.identify = endpoint.equals(BrazeEndpoints.IDENTIFY);
		this.update = endpoint.equals(BrazeEndpoints.ALIAS_UPDATE);
		this.answers = new BrazeAnswers(limiter,
				this.identify ? "users.identify" : this.update ? "users.alias.update" : "users.alias.new");
	}

	@Override
	public TrackObject toRequest(MappedRow row) {
		Map<String, Object> body = new LinkedHashMap<>();
		if (this.update) {
			body.put("alias_label", row.text("aliasLabel"));
			body.put("old_alias_name", row.text("oldAliasName"));
			body.put("new_alias_name", row.text("newAliasName"));
			return new TrackObject(body);
		}
		if (row.text("externalId") != null) {
			body.put("external_id", row.text("externalId"));
		}
		if (this.identify && row.text("aliasName") == null) {
			// an email-only or phone-only user
			String kind = (row.text("email") != null) ? "email" : "phone";
			body.put(kind, row.text(kind));
			body.put("prioritization", BrazeRowRules.priorities(row.text("prioritization")));
			return new TrackObject(body);
		}
		Map<String, Object> alias = Map.of("alias_name", row.text("aliasName"), "alias_label", row.text("aliasLabel"));
		if (this.identify) {
			body.put("user_alias", alias);
		}
		else {
			body.putAll(alias);
		}
		return new TrackObject(body);
	}

	@Override
	public DeliveryOutcome send(List<TrackObject> batch) {
		String bearer = "Bearer " + this.connection.apiKey();
		if (!this.identify) {
			List<Object> items = batch.stream().<Object>map(TrackObject::body).toList();
			return this.answers.send(this.connection,
					() -> this.update ? this.api.aliasUpdate(bearer, Map.of("alias_updates", items))
							: this.api.aliasNew(bearer, Map.of("user_aliases", items)));
		}
		// each kind of user in its array, in one request
		Map<String, List<Object>> arrays = BrazeRows.grouped(batch,
				(object) -> object.body().containsKey("user_alias") ? "aliases_to_identify"
						: object.body().containsKey("email") ? "emails_to_identify" : "phone_numbers_to_identify",
				TrackObject::body);
		return this.answers.send(this.connection, () -> this.api.identify(bearer, arrays));
	}

}
