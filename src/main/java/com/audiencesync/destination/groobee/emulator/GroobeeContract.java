package com.audiencesync.destination.groobee.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * Groobee's rows as its emulator checks them: a member id without spaces of at most 64
 * characters, a dashed Korean phone number (or a representative number) and a properties
 * object. A request with any bad row is refused as a whole, naming every broken field.
 */
final class GroobeeContract {

	static final int MAX_MEMBER_ID_LENGTH = 64;

	// keeps the rejection readable when a whole batch is broken the same way
	private static final int MAX_ERRORS = 100;

	private static final Pattern PHONE_NUMBER = Pattern.compile("^0\\d{1,2}-\\d{3,4}-\\d{4}$");

	private static final Pattern REPRESENTATIVE_NUMBER = Pattern.compile("^1\\d{3}-\\d{4}$");

	private static final Pattern WHITESPACE = Pattern.compile("\\s");

	private GroobeeContract() {
	}

	/**
	 * Why a request is refused: the first broken row's code and every broken field.
	 *
	 * @param code the process code answered
	 * @param errors {@code [index].field: problem}, at most 100
	 */
	record Rejection(GroobeeProcessCode code, List<String> errors) {
	}

	private record Violation(GroobeeProcessCode code, String field, String message) {
	}

	// reports every broken field, never a value: phone numbers and properties are PII
	static Rejection validate(JsonNode rows, Predicate<String> refused) {
		GroobeeProcessCode code = null;
		List<String> errors = new ArrayList<>();
		for (int i = 0; i < rows.size(); i++) {
			for (Violation violation : violations(rows.get(i), refused)) {
				code = (code != null) ? code : violation.code();
				if (errors.size() < MAX_ERRORS) {
					errors.add("[" + i + "]" + violation.field() + ": " + violation.message());
				}
			}
		}
		return (code != null) ? new Rejection(code, errors) : null;
	}

	private static List<Violation> violations(JsonNode row, Predicate<String> refused) {
		if (!row.isObject()) {
			return List.of(new Violation(GroobeeProcessCode.BAD_DATA, "", "객체여야 합니다."));
		}
		List<Violation> violations = new ArrayList<>();
		JsonNode memberId = row.get("memberId");
		if (memberId == null || memberId.isNull()) {
			violations.add(new Violation(GroobeeProcessCode.BAD_DATA, ".memberId", "널이어서는 안됩니다"));
		}
		else if (!memberId.isString()) {
			violations.add(new Violation(GroobeeProcessCode.BAD_DATA, ".memberId", "문자열이어야 합니다."));
		}
		else if (!isValidMemberId(memberId.stringValue()) || refused.test(memberId.stringValue())) {
			violations.add(new Violation(GroobeeProcessCode.BAD_MEMBER_ID, ".memberId", "회원 ID가 올바르지 않습니다."));
		}
		JsonNode phoneNumber = row.get("phoneNumber");
		if (phoneNumber == null || !phoneNumber.isString() || !isValidPhoneNumber(phoneNumber.stringValue())) {
			violations.add(new Violation(GroobeeProcessCode.BAD_PHONE_NUMBER, ".phoneNumber", "전화번호가 올바르지 않습니다."));
		}
		JsonNode properties = row.get("properties");
		if (properties == null || properties.isNull()) {
			violations.add(new Violation(GroobeeProcessCode.BAD_DATA, ".properties", "널이어서는 안됩니다"));
		}
		else if (!properties.isObject()) {
			violations.add(new Violation(GroobeeProcessCode.BAD_DATA, ".properties", "객체여야 합니다."));
		}
		return violations;
	}

	private static boolean isValidMemberId(String memberId) {
		return !memberId.isBlank() && memberId.length() <= MAX_MEMBER_ID_LENGTH && !WHITESPACE.matcher(memberId).find();
	}

	private static boolean isValidPhoneNumber(String phoneNumber) {
		return PHONE_NUMBER.matcher(phoneNumber).matches() || REPRESENTATIVE_NUMBER.matcher(phoneNumber).matches();
	}

}
