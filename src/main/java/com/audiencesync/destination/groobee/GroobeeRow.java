package com.audiencesync.destination.groobee;

import java.util.Map;

/**
 * One row of {@code POST /personalizations}; all three fields are required by Groobee.
 *
 * @param memberId the member id; Groobee replaces it on update
 * @param phoneNumber the upsert key, dashed ({@code 010-1234-5678})
 * @param properties the complete map: Groobee replaces, never merges
 */
record GroobeeRow(String memberId, String phoneNumber, Map<String, Object> properties) {

	@Override
	public String toString() {
		return "GroobeeRow[memberId=(masked), phoneNumber=(masked), properties=" + this.properties.size() + " keys]";
	}

}
