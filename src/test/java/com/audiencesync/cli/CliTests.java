package com.audiencesync.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CliTests {

	@Test
	void springBootPropertiesAreLeftToSpringAndCommandOptionsToTheCommands() {
		String[] args = { "run", "groobee-demo", "--audience-sync.destinations.groobee.base-url=https://x.example",
				"--param", "runDate=2026-11-22", "--param=runDate=2026-11-23", "--dry-run",
				"--spring.datasource.url=jdbc:mysql://db/x" };

		assertThat(Cli.withoutSpringProperties(args)).containsExactly("run", "groobee-demo", "--param",
				"runDate=2026-11-22", "--param=runDate=2026-11-23", "--dry-run");
	}

}
