package com.audiencesync.destination.braze.emulator;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * Braze's {@code /users/merge} body as its emulator enforces it: 1 to 50 updates, each
 * with exactly one identifier a side. A violation names the update index and side, never
 * a value, because identifiers are personal data.
 */
final class BrazeMergeContract {

	static final int MAX_UPDATES = 50;

	static final String TO_MERGE = "identifier_to_merge";

	static final String TO_KEEP = "identifier_to_keep";

	static final List<String> SIDES = List.of(TO_MERGE, TO_KEEP);

	private static final List<String> IDENTIFIERS = List.of("external_id", "user_alias", "email", "phone");

	private static final String PRIORITIZATION = "prioritization";

	private static final List<String> PRIORITIZATIONS = List.of("identified", "unidentified", "most_recently_updated",
			"least_recently_updated");

	private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+$");

	private static final Pattern PHONE = Pattern.compile("^\\+[1-9]\\d{6,14}$");

	private BrazeMergeContract() {
	}

	static String validate(boolean json, byte[] body, int maxBodyBytes, JsonNode payload) {
		if (!json) {
			return "Content-Type: must be application/json";
		}
		if (body == null) {
			return "body: must not be larger than " + maxBodyBytes + " bytes";
		}
		if (payload == null || !payload.isObject()) {
			return "body: must be a JSON object";
		}
		JsonNode updates = payload.get("merge_updates");
		if (updates == null || !updates.isArray()) {
			return "'merge_updates' must be an array of objects";
		}
		if (updates.isEmpty()) {
			return "'merge_updates' must contain at least 1 update";
		}
		if (updates.size() > MAX_UPDATES) {
			return "'merge_updates' must contain at most " + MAX_UPDATES + " updates, got " + updates.size();
		}
		for (int i = 0; i < updates.size(); i++) {
			String violation = validateUpdate(updates.get(i));
			if (violation != null) {
				return "merge_updates[" + i + "]" + violation;
			}
		}
		return null;
	}

	/**
	 * Validates one update, returning {@code .side: problem} or {@code : problem} without
	 * the index, or {@code null}.
	 */
	private static String validateUpdate(JsonNode update) {
		if (!update.isObject()) {
			return ": must be an object";
		}
		for (String name : update.propertyNames()) {
			if (!SIDES.contains(name)) {
				return ": only " + TO_MERGE + " and " + TO_KEEP + " are allowed";
			}
		}
		for (String side : SIDES) {
			String violation = validateIdentifier(update.get(side));
			if (violation != null) {
				return "." + side + violation;
			}
		}
		// a merge into itself would be a client bug that Braze can only drop
		if (update.get(TO_MERGE).equals(update.get(TO_KEEP))) {
			return ": " + TO_MERGE + " and " + TO_KEEP + " must differ";
		}
		return null;
	}

	private static String validateIdentifier(JsonNode identifier) {
		if (identifier == null || !identifier.isObject()) {
			return ": must be an object";
		}
		int identifiers = 0;
		for (String name : identifier.propertyNames()) {
			if (IDENTIFIERS.contains(name)) {
				identifiers++;
			}
			else if (!PRIORITIZATION.equals(name)) {
				// the field name is not echoed either: a broken client may put data there
				return ": only external_id, user_alias, email, phone and prioritization are allowed";
			}
		}
		if (identifiers != 1) {
			return ": exactly one identifier is required";
		}
		String violation;
		boolean contact = false;
		if (identifier.has("external_id")) {
			violation = requireNonBlank(identifier, "external_id");
		}
		else if (identifier.has("user_alias")) {
			violation = validateAlias(identifier.get("user_alias"));
		}
		else if (identifier.has("email")) {
			contact = true;
			violation = requireMatch(identifier, "email", EMAIL, "must be an email address");
		}
		else {
			contact = true;
			violation = requireMatch(identifier, "phone", PHONE, "must be an E.164 phone number, e.g. +14155550100");
		}
		if (violation != null) {
			return violation;
		}
		JsonNode prioritization = identifier.get(PRIORITIZATION);
		if (!contact) {
			return (prioritization != null) ? ".prioritization: only allowed with email or phone" : null;
		}
		if (prioritization == null) {
			return ".prioritization: required with email or phone";
		}
		return validatePrioritization(prioritization);
	}

	private static String validateAlias(JsonNode alias) {
		if (alias == null || !alias.isObject()) {
			return ".user_alias: must be an object with alias_name and alias_label";
		}
		String violation = requireNonBlank(alias, "alias_name");
		if (violation == null) {
			violation = requireNonBlank(alias, "alias_label");
		}
		return (violation != null) ? ".user_alias" + violation : null;
	}

	private static String validatePrioritization(JsonNode prioritization) {
		if (!prioritization.isArray() || prioritization.isEmpty()) {
			return ".prioritization: must be a non-empty array";
		}
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < prioritization.size(); i++) {
			JsonNode value = prioritization.get(i);
			if (!value.isString() || !PRIORITIZATIONS.contains(value.stringValue())) {
				return ".prioritization[" + i + "]: must be one of " + String.join(", ", PRIORITIZATIONS);
			}
			if (!seen.add(value.stringValue())) {
				return ".prioritization[" + i + "]: must not repeat a value";
			}
		}
		if (seen.contains("identified") && seen.contains("unidentified")) {
			return ".prioritization: must not contain both identified and unidentified";
		}
		return null;
	}

	private static String requireNonBlank(JsonNode object, String field) {
		JsonNode value = object.get(field);
		return (value != null && value.isString() && !value.stringValue().isBlank()) ? null
				: "." + field + ": must be a non-blank string";
	}

	private static String requireMatch(JsonNode object, String field, Pattern pattern, String problem) {
		JsonNode value = object.get(field);
		return (value != null && value.isString() && pattern.matcher(value.stringValue()).matches()) ? null
				: "." + field + ": " + problem;
	}

}
