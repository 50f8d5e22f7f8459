package com.audiencesync.destination.groobee.emulator;

/**
 * Groobee's documented process codes, as its emulator answers them. The
 * {@code httpStatus} each one reports in the body is our guess for all but {@code 0} and
 * {@code -9997}; clients must key on the process code.
 */
enum GroobeeProcessCode {

	NO_API_KEY(-1000, 401, "API 키가 없습니다."),

	UNKNOWN_CUSTOMER(-1001, 401, "등록되지 않은 고객입니다."),

	NOT_APPROVED(-1002, 403, "승인되지 않은 고객입니다."),

	CONTRACT_EXPIRED(-1003, 403, "계약이 만료되었습니다."),

	TOO_MUCH_DATA(-1004, 400, "전송데이터가 너무 많습니다."),

	BAD_MEMBER_ID(-1006, 400, "회원 ID가 올바르지 않습니다."),

	BAD_PHONE_NUMBER(-1007, 400, "전화번호가 올바르지 않습니다."),

	BAD_DATA(-9997, 400, "전송데이터에 오류가 있습니다"),

	HTTP_ERROR(-9998, 400, "HTTP 요청에 오류가 있습니다."),

	SERVER_ERROR(-9999, 500, "서버 오류가 발생했습니다.");

	private final int code;

	private final int httpStatus;

	private final String message;

	GroobeeProcessCode(int code, int httpStatus, String message) {
		this.code = code;
		this.httpStatus = httpStatus;
		this.message = message;
	}

	int code() {
		return this.code;
	}

	int httpStatus() {
		return this.httpStatus;
	}

	String message() {
		return this.message;
	}

	/**
	 * The failure code with that number; rejecting unknown ones makes a typo fail the
	 * test.
	 */
	static GroobeeProcessCode of(int code) {
		for (GroobeeProcessCode candidate : values()) {
			if (candidate.code == code) {
				return candidate;
			}
		}
		throw new IllegalArgumentException("Not a Groobee failure processCode: " + code);
	}

}
