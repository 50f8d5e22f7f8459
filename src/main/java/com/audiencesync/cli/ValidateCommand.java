package com.audiencesync.cli;

import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.Callable;

import com.audiencesync.batch.Preview;
import com.audiencesync.batch.SyncProperties;
import com.audiencesync.spec.DestinationSpec;
import com.audiencesync.spec.JobSpec;
import com.audiencesync.spec.SpecCatalog;
import com.audiencesync.spec.SpecException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code validate <spec> [--rows N]}: the spec's checks, then its first rows through the
 * mapping.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
		description = "Checks a spec (keys, required fields, limits), then maps its first rows and prints "
				+ "accepted/rejected counts with reasons, personal data masked. Sends nothing.")
class ValidateCommand implements Callable<Integer> {

	@Parameters(index = "0", paramLabel = "SPEC", description = "spec file or job name")
	String spec;

	@Option(names = "--rows", description = "rows to map (default ${DEFAULT-VALUE})", defaultValue = "100")
	long rows;

	@Option(names = "--run-date", description = "business date for $${runDate} in paths (default: yesterday)")
	LocalDate runDate;

	@Spec
	CommandSpec commandSpec;

	private final Contexts contexts;

	ValidateCommand(Contexts contexts) {
		this.contexts = contexts;
	}

	@Override
	public Integer call() {
		var out = this.commandSpec.commandLine().getOut();
		var err = this.commandSpec.commandLine().getErr();
		SyncProperties properties = this.contexts.bean(Contexts.Need.SOURCES, SyncProperties.class);
		JobSpec job;
		try {
			job = new SpecCatalog(properties.jobsDir()).resolve(this.spec);
		}
		catch (SpecException ex) {
			ex.errors().forEach((error) -> err.println(error));
			err.printf("%d problem(s): the spec cannot run%n", ex.errors().size());
			err.flush();
			return ExitCodes.USAGE;
		}
		LocalDate date = (this.runDate != null) ? this.runDate : LocalDate.now(properties.zone()).minusDays(1);
		Optional<String> unavailable = Preview.unavailable(job, date, this::bean);
		if (unavailable.isPresent()) {
			err.printf("%s: %s (run date %s)%n", job.file(), unavailable.get(), date);
			err.println("1 problem(s): the spec cannot run");
			err.flush();
			return ExitCodes.USAGE;
		}
		out.printf("%s: spec is valid (%s -> %s); first %d row(s):%n", job.file(), job.source().describe(),
				String.join(", ", job.targets().stream().map(DestinationSpec::id).toList()), this.rows);
		Printer.preview(out, Preview.preview(job, date, this.rows, this::bean));
		return ExitCodes.OK;
	}

	/**
	 * What the source needs: the warehouses are here, an S3 client is the whole
	 * application's.
	 */
	private <T> T bean(Class<T> type) {
		return this.contexts.bean(Contexts.Need.SOURCES, Contexts.Need.ALL, type);
	}

}
