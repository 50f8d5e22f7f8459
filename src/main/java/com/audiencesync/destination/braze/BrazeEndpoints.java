package com.audiencesync.destination.braze;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.audiencesync.destination.EndpointDescriptor;
import com.audiencesync.destination.EndpointDescriptor.Capability;
import com.audiencesync.destination.EndpointDescriptor.Presence;
import com.audiencesync.destination.EndpointDescriptor.Problem;
import com.audiencesync.destination.EndpointField;
import com.audiencesync.destination.EndpointField.Kind;
import com.audiencesync.destination.Keying;
import com.audiencesync.destination.MappedRow;
import com.audiencesync.destination.PropertyOperation;

/** Braze's endpoints, as specs see them. */
final class BrazeEndpoints {

	/** The two sides of a merge, as spec field prefixes and as Braze names them. */
	static final Map<String, String> SIDES = Map.of("merge", "identifier_to_merge", "keep", "identifier_to_keep");

	/** Identifier kinds of one side, as spec field suffixes. */
	static final List<String> KINDS = List.of("ExternalId", "AliasName", "AliasLabel", "Email", "Phone",
			"Prioritization");

	static final Set<String> PRIORITIES = Set.of("identified", "unidentified", "most_recently_updated",
			"least_recently_updated");

	private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

	/**
	 * {@code POST /users/merge}: fields {@code mergeExternalId}, {@code mergeAliasName} +
	 * {@code mergeAliasLabel}, {@code mergeEmail} or {@code mergePhone} (+
	 * {@code mergePrioritization}), and the same for {@code keep*}: exactly one
	 * identifier a side.
	 */
	static final EndpointDescriptor USERS_MERGE = new EndpointDescriptor("braze", "users-merge", 50, fields(),
			Presence.NONE, "", BrazeEndpoints::check);

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
			"Braze's attributes object is its attributes", BrazeEndpoints::checkUser)
		.keyedBy(new Keying("user", USER_FIELDS, BrazeEndpoints::user, null))
		.deletedBy("users-delete")
		.billedBy(BrazeEndpoints::points)
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
			Presence.OPTIONAL, "", BrazeEndpoints::checkUser)
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
			Presence.OPTIONAL, "", BrazeEndpoints::checkPurchase)
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
			Presence.NONE, "", BrazeEndpoints::checkIdentify);

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
			Presence.NONE, "", BrazeEndpoints::checkUser)
		.keyedBy(new Keying("subscription", List.of("subscriptionGroupId", "externalId", "email", "phone"),
				(fields) -> (fields.get("subscriptionGroupId") != null && user(fields) != null)
						? fields.get("subscriptionGroupId") + "|" + user(fields) : null,
				null));

	/**
	 * {@code POST /users/delete}: up to 50 users a request, each named as in
	 * {@link #ATTRIBUTES}; Braze takes one kind of identifier a request, so a batch of
	 * several kinds goes as one request a kind. Under the key's budget shared with
	 * users/merge. The deletion endpoint of {@code attributes} in {@code mode: mirror}.
	 */
	static final EndpointDescriptor USERS_DELETE = new EndpointDescriptor("braze", "users-delete", 50, userFields(),
			Presence.NONE, "", BrazeEndpoints::checkUser);

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

	/**
	 * The user a row names, as its key: {@code external_id:u-1},
	 * {@code user_alias:<label>:<name>}, {@code braze_id:...}, {@code email:...} or
	 * {@code phone:...}, from the first identifier the row has; null when it has none.
	 */
	static String user(Map<String, Object> fields) {
		if (fields.get("externalId") != null) {
			return "external_id:" + fields.get("externalId");
		}
		if (fields.get("aliasName") != null) {
			return "user_alias:" + fields.get("aliasLabel") + ":" + fields.get("aliasName");
		}
		if (fields.get("brazeId") != null) {
			return "braze_id:" + fields.get("brazeId");
		}
		if (fields.get("email") != null) {
			return "email:" + fields.get("email");
		}
		return (fields.get("phone") != null) ? "phone:" + fields.get("phone") : null;
	}

	/**
	 * The data points an attributes row sets: one an attribute, a nested object's keys
	 * one each (to its leaves), an array one, an add to or remove from an array one.
	 */
	static int points(MappedRow row) {
		if (row.set() == null) {
			return 0;
		}
		int changes = (int) (row.properties(PropertyOperation.ADD).values().stream().filter(Objects::nonNull).count()
				+ row.properties(PropertyOperation.REMOVE).values().stream().filter(Objects::nonNull).count());
		return points(row.set()) + changes;
	}

	private static int points(Map<?, ?> attributes) {
		int points = 0;
		for (Object value : attributes.values()) {
			points += (value instanceof Map<?, ?> nested && !nested.isEmpty()) ? points(nested) : 1;
		}
		return points;
	}

	/**
	 * A purchase names its user, and its price and quantity are numbers Braze takes: a
	 * currency of three letters, a price of at most 2 decimals' worth, a quantity from 1
	 * to 100.
	 */
	static Optional<Problem> checkPurchase(Map<String, Object> fields) {
		Optional<Problem> user = checkUser(fields);
		if (user.isPresent()) {
			return user;
		}
		Object currency = fields.get("currency");
		if (currency == null || !currency.toString().matches("[A-Za-z]{3}")) {
			return Optional.of(new Problem("BAD_VALUE", "currency is not a three-letter ISO 4217 code"));
		}
		if (!(fields.get("price") instanceof Number)) {
			return Optional.of(new Problem("BAD_TYPE", "price is not a number (map it with type: decimal)"));
		}
		Object quantity = fields.get("quantity");
		if (quantity != null && (!(quantity instanceof Number number) || number.longValue() < 1
				|| number.longValue() > 100 || number.doubleValue() != number.longValue())) {
			return Optional.of(new Problem("BAD_VALUE", "quantity is not a whole number from 1 to 100"));
		}
		return Optional.empty();
	}

	/**
	 * The user users/identify identifies: exactly one of an alias, an email or a phone,
	 * an email or phone with a valid prioritization.
	 */
	static Optional<Problem> checkIdentify(Map<String, Object> fields) {
		if ((fields.get("aliasName") != null) != (fields.get("aliasLabel") != null)) {
			return bad("user_alias needs both aliasName and aliasLabel");
		}
		List<String> present = new ArrayList<>();
		for (String field : List.of("aliasName", "email", "phone")) {
			if (fields.get(field) != null) {
				present.add(field);
			}
		}
		if (present.size() != 1) {
			return bad("exactly one of aliasName + aliasLabel, email or phone is identified, found "
					+ (present.isEmpty() ? "none" : String.join(" and ", present)));
		}
		if (present.contains("aliasName")) {
			return Optional.empty();
		}
		if (fields.get("email") != null && !EMAIL.matcher(fields.get("email").toString()).matches()) {
			return bad("email is not an email address");
		}
		Object prioritization = fields.get("prioritization");
		if (prioritization == null) {
			return bad(present.get(0) + " needs prioritization");
		}
		return checkPrioritization("identify", priorities(prioritization.toString()));
	}

	/** Exactly one identifier names the user of a users/track object. */
	static Optional<Problem> checkUser(Map<String, Object> fields) {
		List<String> present = new ArrayList<>();
		boolean aliasName = fields.get("aliasName") != null;
		if (aliasName != (fields.get("aliasLabel") != null)) {
			return bad("user_alias needs both aliasName and aliasLabel");
		}
		for (String field : List.of("externalId", "aliasName", "brazeId", "email", "phone")) {
			if (fields.get(field) != null) {
				present.add(field);
			}
		}
		if (present.size() != 1) {
			return bad("exactly one of externalId, aliasName + aliasLabel, brazeId, email or phone is needed, found "
					+ (present.isEmpty() ? "none" : String.join(" and ", present)));
		}
		if (fields.get("email") != null && !EMAIL.matcher(fields.get("email").toString()).matches()) {
			return bad("email is not an email address");
		}
		return Optional.empty();
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

	/**
	 * Exactly one identifier a side; email and phone need a valid prioritization. A
	 * prioritization beside an external id or alias is not an error (one constant can
	 * serve rows of both kinds): it is not sent.
	 */
	static Optional<Problem> check(Map<String, Object> fields) {
		for (String side : List.of("merge", "keep")) {
			Optional<Problem> problem = checkSide(side, fields);
			if (problem.isPresent()) {
				return problem;
			}
		}
		return Optional.empty();
	}

	private static Optional<Problem> checkSide(String side, Map<String, Object> fields) {
		String name = SIDES.get(side);
		List<String> present = new ArrayList<>();
		boolean aliasName = fields.get(side + "AliasName") != null;
		boolean aliasLabel = fields.get(side + "AliasLabel") != null;
		if (fields.get(side + "ExternalId") != null) {
			present.add("external_id");
		}
		if (aliasName || aliasLabel) {
			if (aliasName != aliasLabel) {
				return bad(name + ": user_alias needs both " + side + "AliasName and " + side + "AliasLabel");
			}
			present.add("user_alias");
		}
		if (fields.get(side + "Email") != null) {
			present.add("email");
			if (!EMAIL.matcher(fields.get(side + "Email").toString()).matches()) {
				return bad(name + ": " + side + "Email is not an email address");
			}
		}
		if (fields.get(side + "Phone") != null) {
			present.add("phone");
		}
		if (present.size() != 1) {
			return bad(name + ": exactly one of external_id, user_alias, email or phone is needed, found "
					+ (present.isEmpty() ? "none" : String.join(" and ", present)));
		}
		Object prioritization = fields.get(side + "Prioritization");
		boolean needsPrioritization = present.contains("email") || present.contains("phone");
		if (needsPrioritization && prioritization == null) {
			return bad(name + ": " + present.get(0) + " needs " + side + "Prioritization");
		}
		return needsPrioritization ? checkPrioritization(name, priorities(prioritization.toString()))
				: Optional.empty();
	}

	private static Optional<Problem> checkPrioritization(String name, List<String> priorities) {
		if (priorities.isEmpty()) {
			return bad(name + ": prioritization is empty");
		}
		for (String priority : priorities) {
			if (!PRIORITIES.contains(priority)) {
				return bad(name + ": prioritization '" + priority + "' is not one of "
						+ PRIORITIES.stream().sorted().toList());
			}
		}
		if (priorities.size() != Set.copyOf(priorities).size()) {
			return bad(name + ": prioritization repeats a value");
		}
		if (priorities.contains("identified") && priorities.contains("unidentified")) {
			return bad(name + ": prioritization cannot hold both identified and unidentified");
		}
		return Optional.empty();
	}

	/**
	 * {@code "unidentified, most_recently_updated"} or with spaces or pipes: Braze's
	 * ordered array.
	 */
	static List<String> priorities(String value) {
		return Arrays.stream(value.trim().split("[,|\\s]+")).filter((p) -> !p.isEmpty()).toList();
	}

	private static Optional<Problem> bad(String message) {
		return Optional.of(new Problem("BAD_IDENTIFIER", message));
	}

}
