package com.audiencesync.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import com.audiencesync.TestExtracts;
import com.audiencesync.crypto.Keysets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every mistake of a spec and of the configuration its run needs, told by one
 * {@code validate} or one {@code run}, as a user runs them (in-process): each problem on
 * a line of its own, the spec's at their lines, then the configuration's by property, and
 * exit code 2.
 */
class CliProblemsIntegrationTests {

	/** A repository the process does not own: keysets are not made up for it. */
	private static final String SHARED = "--spring.datasource.url=jdbc:mysql://127.0.0.1:1/shared";

	private final String local = "--spring.datasource.url=jdbc:h2:mem:problems-" + UUID.randomUUID()
			+ ";DB_CLOSE_DELAY=-1";

	@TempDir
	Path folder;

	private Path good;

	private Path mistaken;

	@BeforeEach
	void specs() {
		TestExtracts.members(this.folder, "members.csv", 0, 4, List.of(), List.of());
		this.good = TestExtracts.write(this.folder.resolve("good.yml"), """
				name: good
				source:
				  type: file
				  path: members.csv
				  format: csv
				mapping:
				  fields:
				    memberId: member_id
				    phoneNumber: { column: phone, type: phone }
				  properties:
				    columns: [grade]
				destination:
				  vendor: groobee
				  endpoint: personalizations
				""");
		// a key one level off, a required field not mapped, a batch size above the
		// endpoint's limit, a value of the wrong type
		this.mistaken = TestExtracts.write(this.folder.resolve("mistaken.yml"), """
				name: mistaken
				source:
				  type: file
				  path: members.csv
				format: csv
				mapping:
				  fields:
				    memberId: member_id
				  properties:
				    columns: [grade]
				destination:
				  vendor: groobee
				  endpoint: personalizations
				  batch-size: 5000
				concurrency: four
				""");
	}

	private List<String> mistakes() {
		return List.of(this.mistaken + ":5: format: unknown key 'format': did you mean source.format?",
				this.mistaken + ":7: mapping.fields: 'phoneNumber' is required by groobee/personalizations but is not "
						+ "mapped",
				this.mistaken + ":14: destination.batch-size: must be between 1 and 1000 (the limit of "
						+ "groobee/personalizations), was 5000",
				this.mistaken + ":15: concurrency: 'four' is not a whole number");
	}

	@Test
	void oneValidateTellsFourMistakesAtTheirLines() {
		InProcessCli.Result result = InProcessCli.run("validate " + this.mistaken + " --sandbox " + this.local);

		assertThat(result.code()).isEqualTo(ExitCodes.USAGE);
		assertThat(result.err().lines())
			.containsExactlyElementsOf(concat(mistakes(), List.of("4 problem(s): the spec cannot run")));
		assertThat(result.started()).containsExactly(SpringContexts.Need.SOURCES);
	}

	@Test
	void oneRunTellsTheSameMistakesAndTheConfigurationsBeforeAnythingRuns() {
		InProcessCli.Result result = InProcessCli
			.run("run " + this.mistaken + " --param runDate=2026-11-22 " + this.local);

		assertThat(result.code()).isEqualTo(ExitCodes.USAGE);
		assertThat(result.err().lines()).containsExactlyElementsOf(concat(mistakes(),
				List.of("audience-sync.destinations.groobee.api-key is not set (environment variable "
						+ "AUDIENCE_SYNC_DESTINATIONS_GROOBEE_API_KEY); it has no default"))
			.stream()
			.map((line) -> "error: " + line)
			.toList());
	}

	@Test
	void aSharedRepositoryWithoutKeysetsNamesHmacAndAeadTogetherBesideTheKey() {
		InProcessCli.Result result = InProcessCli.run("validate " + this.good + " " + SHARED);

		assertThat(result.code()).isEqualTo(ExitCodes.USAGE);
		assertThat(result.err().lines()).containsExactly(
				"audience-sync.destinations.groobee.api-key is not set (environment variable "
						+ "AUDIENCE_SYNC_DESTINATIONS_GROOBEE_API_KEY); it has no default",
				"audience-sync.keysets.hmac.file and audience-sync.keysets.aead.file are not set (nor their .json, "
						+ "environment variables AUDIENCE_SYNC_KEYSETS_HMAC_JSON and AUDIENCE_SYNC_KEYSETS_AEAD_JSON): "
						+ "a shared job repository needs keysets of its own; 'keys create hmac <file>' and "
						+ "'keys create aead <file>' write them",
				"2 problem(s): the spec cannot run");
	}

	@Test
	void everyPropertyOfTheVendorThatCannotServeIsNamedAtOnce() {
		Path hackle = TestExtracts.write(this.folder.resolve("hackle.yml"), """
				name: hackle
				source: { type: file, path: members.csv, format: csv }
				mapping:
				  fields: { userId: member_id }
				  properties: { columns: [grade] }
				destination: { vendor: hackle, endpoint: properties }
				""");
		String prefix = " --audience-sync.destinations.hackle.";

		InProcessCli.Result result = InProcessCli
			.run("validate " + hackle + " " + this.local + prefix + "base-url=http://hackle.example.com" + prefix
					+ "connect-timeout=soon" + prefix + "max-in-flight=0" + prefix + "rate-limit.requests=-1");

		assertThat(result.code()).isEqualTo(ExitCodes.USAGE);
		assertThat(result.err().lines()).containsExactly(
				"audience-sync.destinations.hackle.api-key is not set (environment variable "
						+ "AUDIENCE_SYNC_DESTINATIONS_HACKLE_API_KEY); it has no default",
				"audience-sync.destinations.hackle.base-url must be https unless it is on loopback (127.0.0.1, "
						+ "localhost): http://hackle.example.com",
				"audience-sync.destinations.hackle.connect-timeout: 'soon' is not a duration (e.g. 500ms, 30s, 2m)",
				"audience-sync.destinations.hackle.max-in-flight: must be greater than or equal to 1",
				"audience-sync.destinations.hackle.rate-limit.requests: must be greater than or equal to 0",
				"5 problem(s): the spec cannot run");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					an aead keyset given as hmac | hmac.file | aead     | audience-sync.keysets.hmac.file=%s: an aead keyset (Tink AEAD, AES-256-GCM) where an hmac keyset (Tink PRF, HMAC-SHA256) is expected; 'keys create hmac <file>' writes one
					CHANGE-ME as the hmac JSON   | hmac.json | CHANGE-ME | audience-sync.keysets.hmac.json: not a Tink keyset in JSON; 'keys create hmac <file>' writes an hmac keyset (Tink PRF, HMAC-SHA256)
					a truncated aead keyset file | aead.file | truncated | audience-sync.keysets.aead.file=%s: not a Tink keyset in JSON; 'keys create aead <file>' writes an aead keyset (Tink AEAD, AES-256-GCM)
					""")
	void aKeysetOfTheWrongKindOrNoKeysetAtAllNamesItsPropertyAndTheProblem(String mistake, String property,
			String given, String problem) throws Exception {
		// given the other keyset right, and this one wrong
		String json = switch (given) {
			case "aead" -> Keysets.create("aead");
			case "truncated" -> Keysets.create("aead").substring(0, 40);
			default -> given;
		};
		Path file = Files.writeString(this.folder.resolve("wrong.json"), json);
		String other = property.startsWith("hmac") ? "aead" : "hmac";
		Path right = Files.writeString(this.folder.resolve(other + ".json"), Keysets.create(other));
		String value = property.endsWith("file") ? file.toString() : json;

		// when
		InProcessCli.Result result = InProcessCli
			.run("validate " + this.good + " --sandbox " + SHARED + " --audience-sync.keysets." + property + "=" + value
					+ " --audience-sync.keysets." + other + ".file=" + right);

		// then
		assertThat(result.code()).isEqualTo(ExitCodes.USAGE);
		assertThat(result.err().lines()).containsExactly(problem.formatted(file), "1 problem(s): the spec cannot run");
		assertThat(result.out() + result.err()).doesNotContain(json.substring(0, Math.min(json.length(), 12)));
	}

	@Test
	void aTabIsNamedAsATab() {
		Path tabbed = TestExtracts.write(this.folder.resolve("tabbed.yml"),
				"name: tabbed\nsource:\n\ttype: file\n  path: members.csv\n");

		InProcessCli.Result result = InProcessCli.run("validate " + tabbed + " --sandbox " + this.local);

		assertThat(result.code()).isEqualTo(ExitCodes.USAGE);
		assertThat(result.err().lines()).containsExactly(
				tabbed + ":3:1: a tab character indents this line; YAML indents with spaces only",
				"1 problem(s): the spec cannot run");
	}

	private static List<String> concat(List<String> first, List<String> then) {
		return Stream.concat(first.stream(), then.stream()).toList();
	}

}
