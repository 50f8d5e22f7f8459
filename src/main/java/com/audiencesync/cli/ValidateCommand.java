package com.audiencesync.cli;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
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
 * {@code validate <spec> [--rows N]}: the spec's checks, that its source is there and has
 * every column the spec maps, then its first rows through the mapping. A spec a run would
 * refuse exits 2; one whose every row would be rejected exits 1.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
		description = "Checks a spec (keys, required fields, limits), that its source is there and has every "
				+ "column the spec maps, then maps its first rows and prints accepted/rejected counts with "
				+ "reasons, personal data masked. Exits 2 when a mapped column is missing, 1 when every row "
				+ "read is rejected. Sends nothing.")
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
		Preview.Result preview = Preview.preview(job, date, this.rows, this::bean);
		if (!preview.missingColumns().isEmpty()) {
			// a run would stop before sending: the same words, at once
			preview.missingColumns().forEach((line) -> err.printf("%s: %s%n", job.file(), line));
			err.printf("%d problem(s): the spec maps column(s) its source does not have (run date %s)%n",
					preview.missingColumns().size(), date);
			err.flush();
			return ExitCodes.USAGE;
		}
		out.printf("%s: spec is valid (%s -> %s); first %d row(s):%n", job.file(), job.source().describe(),
				String.join(", ", job.targets().stream().map(DestinationSpec::id).toList()), this.rows);
		Printer.preview(out, preview);
		if (preview.read() > 0 && preview.accepted() == 0 && preview.rejected() > 0) {
			err.printf("%s: every one of the %d row(s) read is rejected (%s): a run would send nothing%n", job.file(),
					preview.read(), topReasons(preview));
			err.flush();
			return ExitCodes.FAILED;
		}
		return ExitCodes.OK;
	}

	/** The most frequent reasons, with an example of the first. */
	private static String topReasons(Preview.Result preview) {
		List<Map.Entry<String, Preview.Rejections>> reasons = preview.rejections()
			.entrySet()
			.stream()
			.sorted(Comparator.comparingLong((Map.Entry<String, Preview.Rejections> entry) -> entry.getValue().count())
				.reversed())
			.limit(3)
			.toList();
		StringBuilder text = new StringBuilder();
		for (Map.Entry<String, Preview.Rejections> reason : reasons) {
			text.append((text.length() > 0) ? ", " : "")
				.append(reason.getKey())
				.append(' ')
				.append(reason.getValue().count());
		}
		List<String> examples = reasons.get(0).getValue().examples();
		return text + (examples.isEmpty() ? "" : "; e.g. " + examples.get(0));
	}

	/**
	 * What the source needs: the warehouses are here, an S3 client is the whole
	 * application's.
	 */
	private <T> T bean(Class<T> type) {
		return this.contexts.bean(Contexts.Need.SOURCES, Contexts.Need.ALL, type);
	}

}
