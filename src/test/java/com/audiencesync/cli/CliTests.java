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

	@Test
	void anErrorLineIsMaskedButItsTimesAndAddressesAreNot() {
		Exception ex = new IllegalStateException("Failed to instantiate x",
				new IllegalStateException("groobee refused 010-1234-5678 (jane@example.com) at "
						+ "2026-12-06T20:30:16.021234567Z after 0.0312345678s, http://127.0.0.1:54321/groobee"));

		assertThat(Errors.describe(ex)).isEqualTo("groobee refused ***-****-**78 (j***@***.com) at "
				+ "2026-12-06T20:30:16.021234567Z after 0.0312345678s, http://127.0.0.1:54321/groobee");
	}

	@Test
	void everyCommandIsSummedUpInAWholeSentenceAndTheHelpFitsEightyColumns() {
		try (SpringContexts contexts = SpringContexts.starting(com.audiencesync.AudienceSyncApplication.class,
				new String[0])) {
			picocli.CommandLine root = Cli.commandLine(contexts);
			java.util.List<picocli.CommandLine> all = new java.util.ArrayList<>(java.util.List.of(root));
			for (int i = 0; i < all.size(); i++) {
				all.addAll(all.get(i).getSubcommands().values());
			}
			for (picocli.CommandLine command : all) {
				String[] description = command.getCommandSpec().usageMessage().description();
				// the list of commands shows the first line only
				assertThat(description).as(command.getCommandName()).isNotEmpty();
				assertThat(description[0]).as(command.getCommandName()).endsWith(".");
				assertThat(command.getUsageMessage().lines()).as(command.getCommandName() + " --help")
					.allSatisfy((line) -> assertThat(line.length()).isLessThanOrEqualTo(80))
					.noneMatch((line) -> line.contains("null"));
			}
		}
	}

}
