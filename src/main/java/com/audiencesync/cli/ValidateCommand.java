package com.audiencesync.cli;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import com.audiencesync.batch.SyncProperties;
import com.audiencesync.batch.launch.Preflight;
import com.audiencesync.batch.launch.Preview;
import com.audiencesync.logging.LogMasking;
import com.audiencesync.spec.DestinationSpec;
import com.audiencesync.spec.JobSpec;
import com.audiencesync.spec.SpecException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code validate <spec> [--rows N] [--sandbox]}: every problem of the spec, of the
 * configuration its run needs and of its source at once; that its source has every column
 * the spec maps; then its first rows through the mapping. A spec a run would refuse exits
 * 2; one whose every row would be rejected exits 1.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
		description = "Checks a spec (keys, required fields, limits), the configuration its run needs (the "
				+ "vendor's properties, keysets, warehouse) and its source, every problem at once, and that the "
				+ "source has every column the spec maps; then maps its first rows and prints accepted/rejected "
				+ "counts with reasons, personal data masked. Exits 2 when a run would not start, 1 when every "
				+ "row read is rejected. Sends nothing.")
class ValidateCommand implements Callable<Integer> {

	@Parameters(index = "0", paramLabel = "SPEC", description = "spec file or job name")
	String spec;

	@Option(names = "--rows", description = "rows to map (default ${DEFAULT-VALUE})", defaultValue = "100")
	long rows;

	@Option(names = "--run-date", description = "business date for $${runDate} in paths (default: yesterday)")
	LocalDate runDate;

	@Option(names = "--sandbox",
			description = "check as 'run --sandbox' runs it: the vendor's emulator, not its configured connection")
	boolean sandbox;

	@Spec
	CommandSpec commandSpec;

	private final SpringContexts contexts;

	ValidateCommand(SpringContexts contexts) {
		this.contexts = contexts;
	}

	@Override
	public Integer call() {
		var out = this.commandSpec.commandLine().getOut();
		var err = this.commandSpec.commandLine().getErr();
		SyncProperties properties = this.contexts.bean(SpringContexts.Need.SOURCES, SyncProperties.class);
		LocalDate date = (this.runDate != null) ? this.runDate : LocalDate.now(properties.zone()).minusDays(1);
		List<String> problems = new ArrayList<>();
		JobSpec resolved;
		try {
			resolved = this.contexts.bean(SpringContexts.Need.SOURCES, Preflight.class)
				.resolve(properties.jobsDir(), this.spec, this.sandbox ? Preflight.Use.SANDBOX : Preflight.Use.RUN);
		}
		catch (SpecException ex) {
			problems.addAll(ex.lines());
			// a spec wrong only in its configuration is read on: one answer tells all
			resolved = ex.errors().isEmpty() ? ex.spec().orElse(null) : null;
			if (resolved == null) {
				return problems(err, problems, "the spec cannot run");
			}
		}
		JobSpec job = resolved;
		Optional<String> unavailable = Preview.unavailable(job, date, this::bean)
			.map((why) -> job.file() + ": " + why + " (run date " + date + ")");
		Preview.Result preview = unavailable.isPresent() ? null : Preview.preview(job, date, this.rows, this::bean);
		// a run would stop before sending: the same words, at once
		List<String> source = unavailable.map(List::of)
			.orElseGet(() -> preview.missingColumns().stream().map((line) -> job.file() + ": " + line).toList());
		// the source's problems first: the spec has none, the configuration's follow
		problems.addAll(0, source);
		if (!problems.isEmpty()) {
			boolean columnsOnly = unavailable.isEmpty() && problems.size() == source.size();
			return problems(err, problems,
					columnsOnly ? "the spec maps column(s) its source does not have (run date " + date + ")"
							: "the spec cannot run");
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

	/** Every problem on a line of its own, then how many and what they mean. */
	private static int problems(PrintWriter err, List<String> problems, String meaning) {
		problems.forEach((problem) -> err.println(LogMasking.mask(problem)));
		err.printf("%d problem(s): %s%n", problems.size(), meaning);
		err.flush();
		return ExitCodes.USAGE;
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
		return this.contexts.bean(SpringContexts.Need.SOURCES, SpringContexts.Need.ALL, type);
	}

}
