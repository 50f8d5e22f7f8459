package com.audiencesync.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.audiencesync.IntegrationTest;
import com.audiencesync.source.s3.DemoS3;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;
import software.amazon.awssdk.services.s3.S3Client;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's demos, run as its "Demo" section shows them: each output block there must
 * be what the command before it prints, line for line, the business date, the time taken
 * and the execution number aside. Where the README says the counts depend on the day,
 * every number may differ, and the lines of rejection reasons are left out of the
 * comparison (a day without rejected rows has none). The blocks are read from the README,
 * so the README and the program cannot disagree. The S3 demo reads an in-process S3
 * seeded as {@link DemoS3} seeds it.
 */
@IntegrationTest
class ReadmeDemoIntegrationTests {

	static final String JAR = "java -jar target/audience-sync.jar ";

	static final int S3_PORT = freePort();

	@RegisterExtension
	static final S3ProxyExtension S3 = S3ProxyExtension.builder()
		.withCredentials("demo-access", "demo-secret")
		.withPort(S3_PORT)
		.build();

	@DynamicPropertySource
	static void s3(DynamicPropertyRegistry registry) {
		// the properties the S3 demo prints, pointed at this test's S3
		for (String property : DemoS3.properties(URI.create("http://127.0.0.1:" + S3_PORT))) {
			String[] pair = property.substring(2).split("=", 2);
			registry.add(pair[0], () -> pair[1]);
		}
	}

	@Autowired
	ApplicationContext context;

	@Autowired
	S3Client s3;

	@Test
	void everyDemoPrintsWhatTheReadmeShows() throws IOException {
		// given the README's demos and the demo bucket
		List<Demo> demos = demos(Files.readString(Path.of("README.md")));
		assertThat(demos).extracting(Demo::job).contains("groobee-demo", "warehouse-profiles", "s3-profiles");
		DemoS3.seed(this.s3, Path.of("jobs"));

		for (Demo demo : demos) {
			// when each runs as the README says
			StringWriter out = new StringWriter();
			int exit = run(out, Cli.withoutSpringProperties(demo.arguments()));

			// then it prints what the README shows
			assertThat(exit).as("%s exits 0%n%s", demo.command(), out).isZero();
			assertThat(demo.isIn(out.toString()))
				.as("README.md shows for%n  %s%n%s%nbut it printed%n%s", demo.command(),
						String.join("\n", demo.shown()), out)
				.isTrue();
		}
	}

	@Test
	void aChangedLineInTheReadmeIsNoLongerWhatTheDemoPrints() {
		String readme = """
				## Demo

				```
				java -jar target/audience-sync.jar run groobee-demo --sandbox
				```

				```
				groobee-demo (runDate 2026-11-22), execution 1: completed
				  status      COMPLETED in 0.6s, 1 partition(s)
				  read        15 rows
				```
				""";
		Demo demo = demos(readme).get(0);
		String printed = "sandbox: groobee emulated at http://127.0.0.1:1/groobee\n"
				+ "groobee-demo (runDate 2026-12-06), execution 7: completed\n"
				+ "  status      COMPLETED in 1.1s, 1 partition(s)\n";

		assertThat(demo.isIn(printed + "  read        15 rows\n")).isTrue();
		assertThat(demo.isIn(printed + "  read        16 rows\n")).isFalse();
		assertThat(demo.isIn(printed)).isFalse();
	}

	/** The demos of the README's "Demo" section: each output block and its command. */
	static List<Demo> demos(String markdown) {
		String readme = "\n" + markdown;
		int start = readme.indexOf("\n## Demo\n");
		assertThat(start).as("README.md has a '## Demo' section").isNotNegative();
		int end = readme.indexOf("\n## ", start + 1);
		String[] lines = readme.substring(start, (end < 0) ? readme.length() : end).split("\n", -1);
		List<Demo> demos = new ArrayList<>();
		String command = null;
		for (int i = 0; i < lines.length; i++) {
			if (!lines[i].startsWith("```")) {
				continue;
			}
			List<String> block = new ArrayList<>();
			int close = i + 1;
			while (close < lines.length && !lines[close].startsWith("```")) {
				block.add(lines[close++]);
			}
			String joined = String.join("\n", block).replace("\\\n", " ");
			if (joined.contains(JAR + "run ")) {
				command = joined.substring(joined.lastIndexOf(JAR)).trim();
			}
			else if (!block.isEmpty() && Demo.TITLE.matcher(block.get(0)).lookingAt()) {
				assertThat(command).as("a command before the output of %s", block.get(0)).isNotNull();
				String after = Arrays.stream(lines, close + 1, lines.length)
					.filter((line) -> !line.isBlank())
					.findFirst()
					.orElse("");
				demos.add(new Demo(command, block, after.contains("counts depend on the day")));
			}
			i = close;
		}
		return demos;
	}

	private int run(StringWriter out, String... args) {
		CommandLine commandLine = Cli.commandLine(this.context);
		commandLine.setOut(new PrintWriter(out, true));
		commandLine.setErr(new PrintWriter(out, true));
		return commandLine.execute(args);
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A command of the README and the output it shows.
	 *
	 * @param command the command line as shown
	 * @param shown the output lines as shown
	 * @param countsVary whether the README says the counts depend on the day
	 */
	record Demo(String command, List<String> shown, boolean countsVary) {

		static final Pattern TITLE = Pattern
			.compile("[a-z0-9][a-z0-9_-]* \\(runDate \\d{4}-\\d{2}-\\d{2}\\), execution \\d+: ");

		/**
		 * What differs from run to run: the date, the time taken, the execution number.
		 */
		private static final Pattern VARIES = Pattern
			.compile("\\d{4}-\\d{2}-\\d{2}|COMPLETED in \\d+(\\.\\d+)?s|execution \\d+");

		private static final Pattern NUMBER = Pattern.compile("\\d+");

		/**
		 * A line giving a rejection reason, which a day without rejected rows has none
		 * of.
		 */
		private static final Pattern REASON = Pattern.compile("^ +(TRANSFORM|VENDOR) ");

		String job() {
			return this.command.substring(JAR.length()).trim().split("\\s+")[1];
		}

		String[] arguments() {
			return this.command.substring(JAR.length()).trim().split("\\s+");
		}

		/** Whether the printed output holds the shown lines, one after the other. */
		boolean isIn(String printed) {
			List<Pattern> expected = this.shown.stream().filter(this::compared).map(this::pattern).toList();
			List<String> lines = printed.lines().filter(this::compared).toList();
			for (int first = 0; first + expected.size() <= lines.size(); first++) {
				int matched = 0;
				while (matched < expected.size()
						&& expected.get(matched).matcher(lines.get(first + matched)).matches()) {
					matched++;
				}
				if (matched == expected.size()) {
					return true;
				}
			}
			return false;
		}

		private boolean compared(String line) {
			return !this.countsVary || !REASON.matcher(line).lookingAt();
		}

		private Pattern pattern(String line) {
			StringBuilder regex = new StringBuilder();
			Matcher varies = (this.countsVary ? NUMBER : VARIES).matcher(line);
			int last = 0;
			while (varies.find()) {
				regex.append(unit(line.substring(last, varies.start()), last > 0));
				regex.append(anything(varies.group()));
				last = varies.end();
			}
			regex.append(unit(line.substring(last), last > 0));
			return Pattern.compile(regex.toString());
		}

		/**
		 * Text as it is; after a count that varies, its unit in the singular or the
		 * plural ({@code 1 row}, {@code 2 rows}).
		 */
		private String unit(String text, boolean afterCount) {
			for (String unit : List.of(" rows", " records")) {
				if (this.countsVary && afterCount && text.startsWith(unit)) {
					return Pattern.quote(unit.substring(0, unit.length() - 1)) + "s?"
							+ Pattern.quote(text.substring(unit.length()));
				}
			}
			return Pattern.quote(text);
		}

		private static String anything(String shown) {
			if (shown.matches("\\d{4}-\\d{2}-\\d{2}")) {
				return "\\d{4}-\\d{2}-\\d{2}";
			}
			if (shown.startsWith("COMPLETED in ")) {
				return "COMPLETED in \\d+(\\.\\d+)?s";
			}
			if (shown.startsWith("execution ")) {
				return "execution \\d+";
			}
			return "\\d+";
		}

	}

}
