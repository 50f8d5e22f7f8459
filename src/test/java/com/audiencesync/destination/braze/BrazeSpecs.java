package com.audiencesync.destination.braze;

import java.nio.file.Path;
import java.util.UUID;

import com.audiencesync.TestExtracts;

/** The Braze specs the tests share, written to their folder under a name of their own. */
final class BrazeSpecs {

	private BrazeSpecs() {
	}

	/**
	 * users/track attributes from a CSV folder: {@code user_id} as external id,
	 * {@code tier} and {@code points} (an integer) as attributes, then {@code more}
	 * (top-level keys: chunk, skip).
	 */
	static Path attributes(Path dir, Path data, String more) {
		String name = "braze-attributes-" + UUID.randomUUID().toString().substring(0, 8);
		return TestExtracts.write(dir.resolve(name + ".yml"), """
				name: %s
				source: { type: file, path: %s, format: csv }
				mapping:
				  fields:
				    externalId: user_id
				  properties:
				    fields:
				      tier: tier
				      points: { column: points, type: integer }
				destination: { vendor: braze, endpoint: attributes }
				%s
				""".formatted(name, data, more));
	}

	/**
	 * users/track events from a CSV folder: {@code user_id}, {@code event}, {@code at} (a
	 * timestamp) and {@code amount} (an integer property), then {@code more}.
	 */
	static Path events(Path dir, String name, Path data, String more) {
		return TestExtracts.write(dir.resolve(name + ".yml"), """
				name: %s
				source: { type: file, path: %s, format: csv }
				mapping:
				  fields:
				    externalId: user_id
				    name: event
				    time: { column: at, type: timestamp }
				  properties:
				    fields:
				      amount: { column: amount, type: integer }
				destination: { vendor: braze, endpoint: events }
				%s
				""".formatted(name, data, more));
	}

}
