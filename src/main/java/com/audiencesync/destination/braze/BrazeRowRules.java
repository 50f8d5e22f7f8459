package com.audiencesync.destination.braze;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.audiencesync.destination.EndpointDescriptor.Problem;
import com.audiencesync.destination.MappedRow;
import com.audiencesync.destination.PropertyOperation;

/**
 * What Braze's endpoints ask of a mapped row before any request ({@link BrazeEndpoints}):
 * the user a row names, its identifiers and prioritizations, a purchase's numbers, and
 * the data points an attributes row sets.
 */
final class BrazeRowRules {

	static final Set<String> PRIORITIES = Set.of("identified", "unidentified", "most_recently_updated",
			"least_recently_updated");

	private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

	private BrazeRowRules() {
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
		String name = BrazeEndpoints.SIDES.get(side);
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
