package com.audiencesync.destination.braze;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.audiencesync.destination.EndpointDescriptor;
import com.audiencesync.destination.EndpointDescriptor.Capability;
import com.audiencesync.destination.EndpointDescriptor.Presence;
import com.audiencesync.destination.EndpointField;
import com.audiencesync.destination.EndpointField.Kind;
import com.audiencesync.destination.Keying;

/** Braze's endpoints, as specs see them. */
final class BrazeEndpoints {

	/** The two sides of a merge, as spec field prefixes and as Braze names them. */
	static final Map<String, String> SIDES = Map.of("merge", "identifier_to_merge", "keep", "identifier_to_keep");

	/** Identifier kinds of one side, as spec field suffixes. */
	static final List<String> KINDS = List.of("ExternalId", "AliasName", "AliasLabel", "Email", "Phone",
			"Prioritization");

	/**
	 * {@code POST /users/merge}: fields {@code mergeExternalId}, {@code mergeAliasName} +
	 * {@code mergeAliasLabel}, {@code mergeEmail} or {@code mergePhone} (+
	 * {@code mergePrioritization}), and the same for {@code keep*}: exactly one
	 * identifier a side.
	 */
	static final EndpointDescriptor USERS_MERGE = new EndpointDescriptor("braze", "users-merge", 50, fields(),
			Presence.NONE, "", BrazeRowRules::check);

	/**
	 * The fields that name a user of users/track and users/delete, in the order tried.
	 */
	static final List<String> USER_FIELDS = List.of("externalId", "aliasName", "aliasLabel", "brazeId", "email",
			"phone");

	/** Objects of one users/track request (attributes, events and purchases together). */
	static final int TRACK_LIMIT = 75;

	/**
	 * {@code POST /users/track} attributes: one user's attributes a row, named by the
	 * first of {@code externalId}, {@code aliasName} + {@code aliasLabel},
	 * {@code brazeId}, {@code email} or {@code phone} that has a value; the attributes
	 * are the row's {@code properties} (standard ones under Braze's names, custom ones,
	 * nested values with {@code type: json}); {@code updateExistingOnly} is Braze's
	 * {@code _update_existing_only}. Braze merges attributes into the profile, so a
	 * user's unchanged attributes are not sent again.
	 */
	static final EndpointDescriptor ATTRIBUTES = new EndpointDescriptor("braze", "attributes", TRACK_LIMIT,
			userFields(new EndpointField("updateExistingOnly", Kind.BOOLEAN, false, false)), Presence.REQUIRED,
			"Braze's attributes object is its attributes", BrazeRowRules::checkUser)
		.keyedBy(new Keying("user", USER_FIELDS, BrazeRowRules::user, null))
		.deletedBy("users-delete")
		.billedBy(BrazeRowRules::points)
		.with(Capability.ARRAY_OPERATIONS);

	/**
	 * {@code POST /users/track} events: one event a row, for the user named as in
	 * {@link #ATTRIBUTES}, with its {@code name}, {@code time} (ISO 8601) and
	 * {@code properties}. Braze never deduplicates events: each carries
	 * {@code _audience_sync_id} in its properties, from {@code eventId} or derived from
	 * the row's run, file and line, the same on a restart, for a Braze customer to dedupe
	 * on.
	 */
	static final EndpointDescriptor EVENTS = new EndpointDescriptor("braze", "events", TRACK_LIMIT,
			userFields(new EndpointField("name", Kind.STRING, true, false),
					new EndpointField("time", Kind.TIMESTAMP, true, false),
					new EndpointField("eventId", Kind.STRING, false, false)),
			Presence.OPTIONAL, "", BrazeRowRules::checkUser)
		.billedBy((row) -> 1);

	/**
	 * {@code POST /users/track} purchases: one purchase a row, for the user named as in
	 * {@link #ATTRIBUTES}: {@code productId}, {@code currency} (ISO 4217), {@code price}
	 * ({@code type: decimal}), {@code quantity} ({@code type: integer}, 1 to 100, default
	 * 1), {@code time} and {@code properties}, with {@code _audience_sync_id} as for
	 * events.
	 */
	static final EndpointDescriptor PURCHASES = new EndpointDescriptor("braze", "purchases", TRACK_LIMIT,
			userFields(new EndpointField("productId", Kind.STRING, true, false),
					new EndpointField("currency", Kind.STRING, true, false),
					new EndpointField("price", Kind.STRING, true, false),
					new EndpointField("quantity", Kind.STRING, false, false),
					new EndpointField("time", Kind.TIMESTAMP, true, false),
					new EndpointField("eventId", Kind.STRING, false, false)),
			Presence.OPTIONAL, "", BrazeRowRules::checkPurchase)
		.billedBy((row) -> 1);

	/**
	 * {@code POST /users/alias/new}: a user alias ({@code aliasName} +
	 * {@code aliasLabel}) a row, added to the user of {@code externalId} when mapped,
	 * else a new alias-only user. Up to 50 a request, under the key's budget shared with
	 * users/merge.
	 */
	static final EndpointDescriptor ALIAS_NEW = new EndpointDescriptor("braze", "alias-new", 50,
			List.of(new EndpointField("externalId", Kind.STRING, false, true),
					new EndpointField("aliasName", Kind.STRING, true, true),
					new EndpointField("aliasLabel", Kind.STRING, true, false)),
			Presence.NONE, "");

	/**
	 * {@code POST /users/alias/update}: the user alias {@code oldAliasName} of
	 * {@code aliasLabel} renamed {@code newAliasName}, the user kept. Up to 50 a request,
	 * under the key's budget shared with users/merge.
	 */
	static final EndpointDescriptor ALIAS_UPDATE = new EndpointDescriptor("braze", "alias-update", 50,
			List.of(new EndpointField("aliasLabel", Kind.STRING, true, false),
					new EndpointField("oldAliasName", Kind.STRING, true, true),
					new EndpointField("newAliasName", Kind.STRING, true, true)),
			Presence.NONE, "");

	/**
	 * {@code POST /users/identify}: the unidentified user of {@code aliasName} +
	 * {@code aliasLabel}, of {@code email} or of {@code phone} identified as
	 * {@code externalId} (its attributes and events move to that user); an email or phone
	 * needs {@code prioritization}, as for merges. Up to 50 a request, under the key's
	 * budget shared with users/merge.
	 */
	static final EndpointDescriptor IDENTIFY = new EndpointDescriptor("braze", "identify", 50,
			List.of(new EndpointField("externalId", Kind.STRING, true, true),
					new EndpointField("aliasName", Kind.STRING, false, true),
					new EndpointField("aliasLabel", Kind.STRING, false, false),
					new EndpointField("email", Kind.STRING, false, true),
					new EndpointField("phone", Kind.PHONE_E164, false, true),
					new EndpointField("prioritization", Kind.STRING, false, false)),
			Presence.NONE, "", BrazeRowRules::checkIdentify);

	/**
	 * {@code POST /subscription/status/set}: one user's state in one subscription group a
	 * row: {@code subscriptionGroupId}, {@code subscriptionState} ({@code subscribed} or
	 * {@code unsubscribed}) and the user by {@code externalId}, {@code email} or
	 * {@code phone}. Keyed by group and user, so an unchanged state is not sent again.
	 * Braze takes one group, state and kind of identifier a request: a batch goes as one
	 * request each. Its own budget, 5,000 requests a minute.
	 */
	static final EndpointDescriptor SUBSCRIPTION_STATUS = new EndpointDescriptor("braze", "subscription-status", 50,
			List.of(new EndpointField("externalId", Kind.STRING, false, true),
					new EndpointField("email", Kind.STRING, false, true),
					new EndpointField("phone", Kind.PHONE_E164, false, true),
					new EndpointField("subscriptionGroupId", Kind.STRING, true, false),
					new EndpointField("subscriptionState", Kind.STRING, true, false,
							Map.of("subscribed", "subscribed", "unsubscribed", "unsubscribed", "opted_in", "subscribed",
									"opted_out", "unsubscribed"))),
			Presence.NONE, "", BrazeRowRules::checkUser)
		.keyedBy(new Keying("subscription", List.of("subscriptionGroupId", "externalId", "email", "phone"),
				(fields) -> (fields.get("subscriptionGroupId") != null && BrazeRowRules.user(fields) != null)
						? fields.get("subscriptionGroupId") + "|" + BrazeRowRules.user(fields) : null,
				null));

	/**
	 * {@code POST /users/delete}: up to 50 users a request, each named as in
	 * {@link #ATTRIBUTES}; Braze takes one kind of identifier a request, so a batch of
	 * several kinds goes as one request a kind. Under the key's budget shared with
	 * users/merge. The deletion endpoint of {@code attributes} in {@code mode: mirror}.
	 */
	static final EndpointDescriptor USERS_DELETE = new EndpointDescriptor("braze", "users-delete", 50, userFields(),
			Presence.NONE, "", BrazeRowRules::checkUser);

	private BrazeEndpoints() {
	}

	/**
	 * The fields that may name a user ({@link #USER_FIELDS}), none required (a row rule
	 * asks for exactly one), then the endpoint's own.
	 */
	private static List<EndpointField> userFields(EndpointField... own) {
		List<EndpointField> fields = new ArrayList<>(List.of(new EndpointField("externalId", Kind.STRING, false, true),
				new EndpointField("aliasName", Kind.STRING, false, true),
				new EndpointField("aliasLabel", Kind.STRING, false, false),
				new EndpointField("brazeId", Kind.STRING, false, true),
				new EndpointField("email", Kind.STRING, false, true),
				new EndpointField("phone", Kind.PHONE_E164, false, true)));
		fields.addAll(List.of(own));
		return List.copyOf(fields);
	}

	private static List<EndpointField> fields() {
		List<EndpointField> fields = new ArrayList<>();
		for (String side : List.of("merge", "keep")) {
			fields.add(new EndpointField(side + "ExternalId", Kind.STRING, false, true));
			fields.add(new EndpointField(side + "AliasName", Kind.STRING, false, true));
			fields.add(new EndpointField(side + "AliasLabel", Kind.STRING, false, false));
			fields.add(new EndpointField(side + "Email", Kind.STRING, false, true));
			fields.add(new EndpointField(side + "Phone", Kind.PHONE_E164, false, true));
			fields.add(new EndpointField(side + "Prioritization", Kind.STRING, false, false));
		}
		return List.copyOf(fields);
	}

}
