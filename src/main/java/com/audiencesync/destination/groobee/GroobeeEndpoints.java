package com.audiencesync.destination.groobee;

import java.util.List;

import com.audiencesync.destination.EndpointDescriptor;
import com.audiencesync.destination.EndpointDescriptor.Presence;
import com.audiencesync.destination.EndpointField;
import com.audiencesync.destination.EndpointField.Kind;
import com.audiencesync.destination.Keying;

/** Groobee's endpoints, as specs see them. */
final class GroobeeEndpoints {

	/** {@code POST /personalizations}: upsert by phone number, up to 1,000 rows. */
	static final EndpointDescriptor PERSONALIZATIONS = new EndpointDescriptor("groobee", "personalizations", 1000,
			List.of(new EndpointField("memberId", Kind.STRING, true, true),
					new EndpointField("phoneNumber", Kind.PHONE_DASHED, true, true)),
			Presence.REQUIRED,
			"Groobee replaces the whole properties map on every update, so the complete map must be mapped")
		.keyedBy(Keying.by("phoneNumber").identifiedBy("memberId"));

	private GroobeeEndpoints() {
	}

}
