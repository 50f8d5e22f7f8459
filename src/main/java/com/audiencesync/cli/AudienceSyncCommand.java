package com.audiencesync.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;

/** The top command: lists the others. */
@Command(name = "audience-sync", mixinStandardHelpOptions = true, versionProvider = AudienceSyncCommand.Version.class,
		description = "Syncs customer data from extracts to marketing vendors, one nightly run per job and date.",
		subcommands = { RunCommand.class, BackfillCommand.class, RestartCommand.class, StopCommand.class,
				AbandonCommand.class, RecoverCommand.class, StatusCommand.class, RejectedCommand.class,
				ValidateCommand.class, SandboxCommand.class, WorkerCommand.class, KeysCommand.class,
				ManifestsCommand.class, HelpCommand.class },
		footer = { "", "Exit codes:", "  0  completed, or already completed",
				"  1  failed: run the same date again to resume",
				"  2  bad usage, spec or configuration, or a missing source: nothing ran", "  3  already running",
				"  4  stopped (by 'stop' or SIGTERM): the next run resumes it", "",
				"Settings are Spring Boot properties:", "  --audience-sync.destinations.groobee.base-url=...",
				"  or the environment: AUDIENCE_SYNC_DESTINATIONS_GROOBEE_API_KEY=..." })
class AudienceSyncCommand {

	/** The version the jar was built as. */
	static class Version implements IVersionProvider {

		@Override
		public String[] getVersion() {
			String version = AudienceSyncCommand.class.getPackage().getImplementationVersion();
			return new String[] { "audience-sync " + ((version != null) ? version : "(not built as a jar)"),
					"Java " + System.getProperty("java.version") };
		}

	}

}
