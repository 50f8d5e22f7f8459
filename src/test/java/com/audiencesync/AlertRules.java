package com.audiencesync;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shipped alert rules ({@code k8s/alerts/audience-sync.rules.yml}) as a test loads
 * them: every {@code for:} zero, and a success late after a hundred-thousandth of its
 * schedule's allowance (a daily sync's 48 hours: 1.7 s), so that each fires within a
 * test; the expressions are otherwise the shipped ones.
 */
public final class AlertRules {

	/** The shipped plain Prometheus rules. */
	public static final Path SHIPPED = Path.of("k8s/alerts/audience-sync.rules.yml");

	private AlertRules() {
	}

	/** Writes the test's copy into that folder; its path. */
	public static Path forTests(Path dir) throws IOException {
		String rules = Files.readString(SHIPPED);
		String quick = rules.replaceAll("for: \\S+", "for: 0s")
			.replace("> audience_sync_last_success_max_age_seconds",
					"> audience_sync_last_success_max_age_seconds / 100000");
		if (quick.equals(rules) || !quick.contains("/ 100000")) {
			throw new IllegalStateException("the shipped rules changed: adapt AlertRules.forTests");
		}
		Files.createDirectories(dir);
		Path copy = dir.resolve("audience-sync.rules.yml");
		Files.writeString(copy, quick);
		return copy;
	}

}
