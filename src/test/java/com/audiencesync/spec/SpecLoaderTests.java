package com.audiencesync.spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;

import com.audiencesync.source.ExtractSpec;
import com.audiencesync.source.jdbc.JdbcSourceSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SpecLoaderTests {

	/** A valid spec; the line numbers below refer to it. */
	private static final String VALID = """
			name: members-to-groobee
			source:
			  type: file
			  path: data/members
			  format: csv
			mapping:
			  fields:
			    memberId: member_id
			    phoneNumber: { column: phone, type: phone }
			  properties:
			    columns: [name, grade]
			    fields:
			      points: { column: points, type: integer }
			destination:
			  vendor: groobee
			  endpoint: personalizations
			  batch-size: 500
			""";

	@TempDir
	Path dir;

	private final SpecLoader loader = new SpecLoader();

	@Test
	void loadsAValidSpec() throws IOException {
		// given
		Path file = write("members.yml", VALID);

		// when
		JobSpec spec = this.loader.load(file);

		// then
		assertThat(spec.name()).isEqualTo("members-to-groobee");
		assertThat(((ExtractSpec) spec.source()).format()).isEqualTo("csv");
		assertThat(((ExtractSpec) spec.source()).delimiterChar()).isEqualTo(',');
		assertThat(spec.destination().id()).isEqualTo("groobee/personalizations");
		assertThat(spec.destination().batchSize()).isEqualTo(500);
		assertThat(spec.chunkSize()).as("chunk defaults to the batch size").isEqualTo(500);
		assertThat(spec.concurrencyOrDefault()).isEqualTo(1);
		assertThat(spec.mapping().properties().columns()).containsExactly("name", "grade");
		assertThat(spec.mapping().properties().fields().get("points").column()).isEqualTo("points");
		assertThat(spec.mapping().properties().fields().get("points").type()).isEqualTo("integer");
		assertThat(spec.file()).isEqualTo(file.toAbsolutePath().normalize());
	}

	@Test
	void loadsTheDemoSpec() {
		JobSpec spec = this.loader.load(Path.of("jobs/groobee-demo.yml"));

		assertThat(spec.name()).isEqualTo("groobee-demo");
		assertThat(spec.chunkSize()).isEqualTo(1000);
		assertThat(spec.skipOrDefault().limitOrDefault()).isEqualTo(100);
		assertThat(spec.skipOrDefault().ratioOrDefault()).isEqualTo(0.5);
		assertThat(spec.mapping().properties().fields()).containsOnlyKeys("points", "lastOrderAt", "marketingOptIn");
	}

	@Test
	void chunkDefaultsToTheEndpointLimitWithoutBatchSize() throws IOException {
		JobSpec spec = this.loader.load(write("s.yml", VALID.replace("  batch-size: 500\n", "")));

		assertThat(spec.chunkSize()).isEqualTo(1000);
	}

	@Test
	void explicitChunkWins() throws IOException {
		JobSpec spec = this.loader.load(write("s.yml", VALID + "chunk: 200\n"));

		assertThat(spec.chunkSize()).isEqualTo(200);
	}

	@Test
	void shorthandFieldIsAColumnAndMapFormCarriesOptions() throws IOException {
		JobSpec spec = this.loader.load(write("s.yml", VALID));

		FieldSpec memberId = spec.mapping().fields().get("memberId");
		assertThat(memberId.column()).isEqualTo("member_id");
		assertThat(memberId.typeOrDefault()).isEqualTo("string");
		assertThat(memberId.constant()).isNull();
		FieldSpec phone = spec.mapping().fields().get("phoneNumber");
		assertThat(phone.column()).isEqualTo("phone");
		assertThat(phone.type()).isEqualTo("phone");
	}

	@Test
	void defaultKeyAndPhoneFormatBind() throws IOException {
		String yaml = VALID.replace("{ column: phone, type: phone }",
				"{ column: phone, type: phone, format: e164, default: '010-0000-0000', required: false }");

		FieldSpec phone = this.loader.load(write("s.yml", yaml)).mapping().fields().get("phoneNumber");

		assertThat(phone.format()).isEqualTo("e164");
		assertThat(phone.defaultValue()).isEqualTo("010-0000-0000");
		assertThat(phone.required()).isFalse();
	}

	@Test
	void unknownTopLevelKeyListsTheExpectedKeys() throws IOException {
		Path file = write("s.yml", VALID + "retries: 3\n");

		SpecError error = singleError(file);

		assertThat(error.file()).isEqualTo(file.toString());
		assertThat(error.line()).isEqualTo(18);
		assertThat(error.path()).isEqualTo("retries");
		assertThat(error.message()).contains("unknown key 'retries'")
			.contains("expected one of:")
			.contains("name", "source", "mapping", "destination", "chunk", "concurrency", "skip");
		assertThat(error.toString()).startsWith(file + ":18: retries: unknown key");
	}

	@Test
	void aWholeNumberInWords() throws IOException {
		Path file = write("s.yml", VALID.replace("batch-size: 500", "batch-size: twenty"));

		SpecError error = singleError(file);

		assertThat(error.toString()).isEqualTo(file + ":17: destination.batch-size: 'twenty' is not a whole number");
	}

	@Test
	void otherTypesInWords() throws IOException {
		assertThat(singleError(write("a.yml", VALID.replace("type: phone }", "type: phone, required: perhaps }")))
			.message()).isEqualTo("'perhaps' is not true or false");
		assertThat(singleError(write("b.yml", VALID.replace("batch-size: 500", "batch-size: [1, 2]"))).message())
			.isEqualTo("a list where a whole number is expected");
		assertThat(singleError(write("c.yml", VALID.replace("  format: csv", "  format: { kind: csv }"))).message())
			.isEqualTo("a mapping (key: value) where a text is expected");
	}

	@Test
	void aYamlSyntaxErrorNamesItsTrueLineAndColumn() throws IOException {
		// the bad indent is on line 5; the key whose mapping it breaks is on line 2
		Path file = write("s.yml", VALID.replace("  format: csv", "   format: csv"));

		SpecError error = singleError(file);

		assertThat(error.line()).isEqualTo(5);
		assertThat(error.column()).isEqualTo(10);
		assertThat(error.toString()).startsWith(file + ":5:10: invalid YAML: mapping values are not allowed here")
			.contains("indented");
	}

	@Test
	void aDuplicatedKeyIsRefusedNamingBothLines() throws IOException {
		Path top = write("top.yml",
				VALID.replace("name: members-to-groobee\n", "name: members-to-groobee\nname: members-to-braze\n"));
		Path nested = write("nested.yml",
				VALID.replace("    memberId: member_id\n", "    memberId: member_id\n    memberId: phone\n"));

		assertThat(singleError(top).toString())
			.isEqualTo(top + ":2:1: duplicate key 'name' (first on line 1): each key may appear once");
		assertThat(singleError(nested).toString()).isEqualTo(nested
				+ ":9:5: duplicate key 'memberId' in mapping.fields (first on line 8): each key may appear once");
	}

	private static final String FILE_SOURCE = "  type: file\n  path: data/members\n  format: csv\n";

	/**
	 * One mistake made in {@link #VALID}: the text it replaces, with what, and what its
	 * error says (the line when it names one).
	 */
	record Mistake(String name, String text, String replacement, Integer line, String path, String... says) {

		@Override
		public String toString() {
			return this.name;
		}

	}

	static Stream<Mistake> mistakes() {
		String end = "  batch-size: 500\n";
		return Stream.of(
				new Mistake("a misspelt nested key", "batch-size: 500", "batchsize: 500", 17, "destination.batchsize",
						"unknown key 'batchsize'", "batch-size"),
				new Mistake("a number that is text", end, end + "chunk: abc\n", 18, "chunk", "abc"),
				new Mistake("no name", "name: members-to-groobee\n", "", null, "name", "is required"),
				new Mistake("no source", "source:\n" + FILE_SOURCE, "", null, "source", "is required"),
				new Mistake("no mapping", VALID.substring(VALID.indexOf("mapping:"), VALID.indexOf("destination:")), "",
						null, "mapping", "is required"),
				new Mistake("no destination", VALID.substring(VALID.indexOf("destination:")), "", null, "destination",
						"is required"),
				new Mistake("a name out of pattern", "members-to-groobee", "Members To Groobee", 1, "name",
						"'Members To Groobee'", "lower-case letters"),
				new Mistake("an unknown source type", "type: file", "type: ftp", 3, "source.type",
						"'ftp' is not a source type", "file"),
				new Mistake("an unknown format", "format: csv", "format: xlsx", 5, "source.format",
						"'xlsx' is not a format", "csv", "jsonl"),
				new Mistake("a delimiter of two characters", "format: csv", "format: csv\n  delimiter: ';;'", 6,
						"source.delimiter", "exactly one character"),
				new Mistake("a jdbc key on a file source", "format: csv", "format: csv\n  grid-size: 4", 6,
						"source.grid-size", "is for type jdbc"),
				new Mistake("an unknown vendor", "vendor: groobee", "vendor: nosuchvendor", 15, "destination.vendor",
						"'nosuchvendor' is not a vendor", "groobee"),
				new Mistake("an unknown endpoint", "endpoint: personalizations", "endpoint: users", 16,
						"destination.endpoint", "'users' is not an endpoint of groobee", "personalizations"),
				new Mistake("a field the endpoint lacks", "    memberId: member_id\n",
						"    memberId: member_id\n    email: email\n", 9, "mapping.fields.email",
						"has no field 'email'", "memberId", "phoneNumber"),
				new Mistake("a required field not mapped", "    phoneNumber: { column: phone, type: phone }\n", "", 7,
						"mapping.fields", "'phoneNumber' is required by groobee/personalizations"),
				new Mistake("a phone field without type phone", "{ column: phone, type: phone }", "phone", 9,
						"mapping.fields.phoneNumber.type", "set type: phone"),
				new Mistake("a field with a column and a constant", "memberId: member_id",
						"memberId: { column: member_id, constant: x }", 8, "mapping.fields.memberId",
						"exactly one of 'column' or 'constant'"),
				new Mistake("a field with neither column nor constant", "memberId: member_id",
						"memberId: { type: string }", null, "mapping.fields.memberId",
						"exactly one of 'column' or 'constant'"),
				new Mistake("an unknown field type", "type: integer", "type: date", 13,
						"mapping.properties.fields.points.type", "'date' is not a type", "integer", "boolean"),
				new Mistake("a nested value for an endpoint's own field", "memberId: member_id",
						"memberId: { column: member_id, type: json }", 8, "mapping.fields.memberId.type",
						"'json' (a nested value as read) is for properties"),
				new Mistake("an array operation where properties are set as a whole", "type: integer",
						"type: integer, operation: add", 13, "mapping.properties.fields.points.operation",
						"groobee/personalizations sets its properties as a whole", "braze/attributes"),
				new Mistake("a nested value hashed", "type: integer", "type: json, hash: sha256", 13,
						"mapping.properties.fields.points", "type 'json' takes no hash, encrypt or values"),
				new Mistake("a format on a field that is no phone", "type: integer", "type: integer, format: e164",
						null, "mapping.properties.fields.points.format", "applies only to type: phone"),
				new Mistake("an unknown phone format", "type: phone }", "type: phone, format: intl }", null,
						"mapping.fields.phoneNumber.format", "'intl' is not a phone format", "dashed", "e164"),
				new Mistake("groobee without properties",
						"  properties:\n    columns: [name, grade]\n    fields:\n      points: { column: points, type: integer }\n",
						"", 6, "mapping.properties", "is required by groobee/personalizations",
						"replaces the whole properties map"),
				new Mistake("a mode that is neither upsert nor mirror", end, end + "  mode: replace\n", null,
						"destination.mode", "'replace'", "mirror", "upsert"),
				new Mistake("a deadline longer than the time between two nights", end,
						end + "schedule: { cron: '0 3 * * *', deadline: 30h }\n", null, "schedule.deadline",
						"'30h' is longer than the 24h between two runs of '0 3 * * *'"),
				new Mistake("a deadline that is no duration", end,
						end + "schedule: { cron: '0 3 * * *', deadline: soon }\n", null, "schedule.deadline",
						"'soon' is not a duration like 6h"),
				new Mistake("a cron out of range", end, end + "schedule: '0 25 * * *'\n", null, "schedule.cron",
						"'0 25 * * *' is not a valid cron"),
				new Mistake("a mirror delete ratio above one", end, end + "mirror:\n  max-delete-ratio: 2\n", null,
						"mirror.max-delete-ratio", "between 0 and 1"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("mistakes")
	void aMistakeIsNamedWithItsPathLineAndWhatIsWrong(Mistake mistake) throws IOException {
		assertThat(VALID).as("the text the mistake replaces").contains(mistake.text());

		SpecError error = singleError(write("s.yml", VALID.replace(mistake.text(), mistake.replacement())));

		if (mistake.line() != null) {
			assertThat(error.line()).isEqualTo(mistake.line());
		}
		assertThat(error.path()).isEqualTo(mistake.path());
		assertThat(error.message()).contains(mistake.says());
	}

	private static String jdbc(String source) {
		return VALID.replace(FILE_SOURCE, source);
	}

	@Test
	void aJdbcSourceBindsWithItsDefaults() throws IOException {
		JobSpec spec = this.loader.load(write("s.yml", jdbc("""
				  type: jdbc
				  table: dw.members
				  key: id
				  updated-at: updated_at
				""").replace("batch-size: 500", "batch-size: 500\nconcurrency: 3")));

		assertThat(((JdbcSourceSpec) spec.source()).datasourceOrDefault()).isEqualTo("warehouse");
		assertThat(((JdbcSourceSpec) spec.source()).readsWindow()).as("window when updated-at is set").isTrue();
		assertThat(((JdbcSourceSpec) spec.source()).columnZoneOrDefault()).hasToString("UTC");
		assertThat(spec.gridSizeOrDefault()).as("grid size defaults to the concurrency").isEqualTo(3);
		assertThat(spec.source().describe()).isEqualTo("warehouse:dw.members");
	}

	@Test
	void aJdbcSourceWithoutUpdatedAtReadsEverything() throws IOException {
		JobSpec spec = this.loader.load(write("s.yml", jdbc("""
				  type: jdbc
				  datasource: dw
				  query: "SELECT m.id, m.phone FROM members m JOIN grades g ON g.id = m.grade_id;"
				  key: id
				  grid-size: 8
				""")));

		assertThat(((JdbcSourceSpec) spec.source()).readsWindow()).isFalse();
		assertThat(spec.gridSizeOrDefault()).isEqualTo(8);
		assertThat(spec.source().describe()).isEqualTo("dw:query");
	}

	@Test
	void aJdbcSourceNeedsATableOrAQueryAndAKey() throws IOException {
		SpecException ex = catchThrowableOfType(SpecException.class,
				() -> this.loader.load(write("s.yml", jdbc("  type: jdbc\n  mode: window\n  grid-size: 0\n"))));

		assertThat(ex.errors()).extracting((e) -> e.line() + " " + e.path() + ": " + e.message())
			.containsExactlyInAnyOrder("2 source.table: type jdbc needs exactly one of 'table' or 'query'",
					"2 source.key: is required for type jdbc: a unique, non-null column to split and page by (e.g. id)",
					"4 source.mode: window needs source.updated-at: the column whose value places a row in a business day",
					"5 source.grid-size: must be between 1 and 256, was 0");
		assertThat(ex.getMessage()).contains("s.yml:5: source.grid-size: must be between 1 and 256, was 0");
	}

	@Test
	void aJdbcSourceRefusesBothTableAndQueryAndFileKeys() throws IOException {
		SpecException ex = catchThrowableOfType(SpecException.class, () -> this.loader.load(write("s.yml", jdbc("""
				  type: jdbc
				  table: "members; DROP TABLE members"
				  query: "SELECT * FROM members"
				  key: id
				  format: csv
				  column-zone: Mars/Base
				"""))));

		assertThat(ex.errors()).extracting((e) -> e.line() + " " + e.path() + ": " + e.message())
			.containsExactlyInAnyOrder("7 source.format: is for types file and s3; type jdbc reads a table or query",
					"5 source.query: type jdbc needs exactly one of 'table' or 'query'",
					"4 source.table: 'members; DROP TABLE members' must be a table name, [schema.]name of letters, digits and '_'",
					"8 source.column-zone: 'Mars/Base' is not a time zone (e.g. UTC, Asia/Seoul)");
	}

	@Test
	void aKeyNoSourceKindTakesListsTheKindsKeys() throws IOException {
		SpecError error = singleError(write("s.yml", VALID.replace("format: csv", "format: csv\n  colour: blue")));

		assertThat(error.line()).isEqualTo(6);
		assertThat(error.path()).isEqualTo("source.colour");
		assertThat(error.message()).isEqualTo(
				"unknown key 'colour' (expected one of: delimiter, format, include, max-line-bytes, on-empty, path, "
						+ "type)");
	}

	@Test
	void aSourceWithoutATypeOrWithAnUnknownOneSaysWhichTypesThereAre() throws IOException {
		SpecError missing = singleError(write("a.yml", VALID.replace("  type: file\n", "")));
		assertThat(missing.path()).isEqualTo("source.type");
		assertThat(missing.message()).isEqualTo("is required (one of [file, jdbc, s3])");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					batch-size: 1001             | 17 | destination.batch-size  | must be between 1 and 1000 (the limit of groobee/personalizations), was 1001
					chunk: 0                     | 18 | chunk                   | must be between 1 and 100000, was 0
					concurrency: 65              | 18 | concurrency             | must be between 1 and 64, was 65
					'skip:\\n  ratio: 1.5'        | 19 | skip.ratio              | must be between 0 and 1, was 1.5
					""")
	void aValueOutOfRangeNamesItsRange(String yaml, int line, String path, String message) throws IOException {
		String spec = yaml.startsWith("batch-size") ? VALID.replace("batch-size: 500", yaml)
				: VALID + yaml.replace("\\n", "\n") + "\n";

		SpecError error = singleError(write("s.yml", spec));

		assertThat(error.line()).isEqualTo(line);
		assertThat(error.path()).isEqualTo(path);
		assertThat(error.message()).isEqualTo(message);
	}

	@Test
	void emptyFile() throws IOException {
		Path file = write("s.yml", "\n  \n");

		SpecError error = singleError(file);

		assertThat(error.file()).isEqualTo(file.toString());
		assertThat(error.message()).contains("empty");
	}

	@Test
	void fileWithOnlyComments() throws IOException {
		Path file = write("s.yml", "# todo: write the members sync\n");

		SpecError error = singleError(file);

		assertThat(error.file()).isEqualTo(file.toString());
		assertThat(error.message()).contains("empty");
	}

	@Test
	void missingFile() {
		Path file = this.dir.resolve("nope.yml");

		SpecError error = singleError(file);

		assertThat(error.file()).isEqualTo(file.toString());
		assertThat(error.message()).contains("cannot read the file");
	}

	@Test
	void everyProblemIsReportedAtOnceInFileOrder() throws IOException {
		// given
		String yaml = VALID.replace("members-to-groobee", "Bad Name").replace("format: csv", "format: xml")
				+ "chunk: 0\nconcurrency: 65\n";

		// when
		SpecException ex = catchThrowableOfType(SpecException.class, () -> this.loader.load(write("s.yml", yaml)));

		// then
		assertThat(ex.errors()).extracting(SpecError::path).contains("name", "source.format", "chunk", "concurrency");
		assertThat(ex.getMessage()).contains(":1: name:").contains(":5: source.format:").contains(":18: chunk:");
	}

	@Test
	void fourMistakesOfFourKindsAreReportedInOneRunInLineOrder() throws IOException {
		// given a key one level off, a value of the wrong type, a required field not
		// mapped and a batch size above the endpoint's limit
		String yaml = VALID.replace("  format: csv\n", "")
			.replace("    phoneNumber: { column: phone, type: phone }\n", "")
			.replace("batch-size: 500", "batch-size: 5000")
			.replace("mapping:\n", "format: csv\nmapping:\n") + "concurrency: four\n";
		Path file = write("s.yml", yaml);

		// when
		SpecException ex = catchThrowableOfType(SpecException.class, () -> this.loader.load(file));

		// then
		assertThat(ex.lines()).containsExactly(file + ":5: format: unknown key 'format': did you mean source.format?",
				file + ":7: mapping.fields: 'phoneNumber' is required by groobee/personalizations but is not mapped",
				file + ":16: destination.batch-size: must be between 1 and 1000 (the limit of "
						+ "groobee/personalizations), was 5000",
				file + ":17: concurrency: 'four' is not a whole number");
		assertThat(ex.getMessage()).isEqualTo(String.join(System.lineSeparator(), ex.lines()));
		assertThat(ex.spec()).as("the spec as far as it could be read").isPresent();
	}

	@ParameterizedTest(name = "{0} -> {2}")
	@CsvSource(delimiter = '|',
			textBlock = """
					format at the top                  | 'mapping:\\n=format: csv\\nmapping:\\n'                         | format                            | source.format
					format under mapping               | 'mapping:\\n=mapping:\\n  format: csv\\n'                       | mapping.format                    | source.format
					a misspelled top-level key         | 'batch-size: 500\\n=batch-size: 500\\nconcurency: 2\\n'          | concurency                        | concurrency
					a key run together                 | batch-size: 500=batchsize: 500                                  | destination.batchsize             | destination.batch-size
					a camel-cased key                  | batch-size: 500=batchSize: 500                                  | destination.batchSize             | destination.batch-size
					a misspelled key of a field        | type: phone }=type: phone, fromat: e164 }                       | mapping.fields.phoneNumber.fromat | mapping.fields.phoneNumber.format
					a field option one level up        | 'properties:\\n=required: true\\n  properties:\\n'              | mapping.required                  | mapping.fields.<name>.required
					fields at the top                  | 'mapping:\\n  fields:\\n=fields:\\n  x: y\\nmapping:\\n  fields:\\n' | fields                         | mapping.fields
					a misspelled source key            | format: csv=fromat: csv                                         | source.fromat                     | source.format
					""")
	void anUnknownKeyGetsTheKnownKeyItMostLikelyMeant(String mistake, String edit, String path, String meant)
			throws IOException {
		String[] replace = edit.replace("\\n", "\n").split("=", 2);
		Path file = write("s.yml", VALID.replace(replace[0], replace[1]));

		List<SpecError> errors = errors(file);

		assertThat(errors).filteredOn((error) -> error.path().equals(path))
			.singleElement()
			.extracting(SpecError::message)
			.isEqualTo("unknown key '" + path.substring(path.lastIndexOf('.') + 1) + "': did you mean " + meant + "?");
	}

	@Test
	void aTabIsNamedAsATabOnEveryLineItIndents() throws IOException {
		Path file = write("s.yml", VALID.replace("  type: file\n", "\ttype: file\n")
			.replace("    memberId: member_id", "  \t  memberId: member_id"));

		assertThat(errors(file)).extracting(SpecError::toString)
			.containsExactly(file + ":3:1: a tab character indents this line; YAML indents with spaces only",
					file + ":8:3: a tab character indents this line; YAML indents with spaces only");
	}

	@Test
	void aTabInsideAValueIsNoMistake() throws IOException {
		JobSpec spec = this.loader
			.load(write("s.yml", VALID.replace("format: csv", "format: csv\n  delimiter: \"\t\"")));

		assertThat(((ExtractSpec) spec.source()).delimiterChar()).isEqualTo('\t');
	}

	@Test
	void aValueOfTheWrongTypeIsNotAlsoCalledMissing() throws IOException {
		String yaml = VALID.substring(0, VALID.indexOf("destination:")) + "destination: groobee\n";

		assertThat(errors(write("s.yml", yaml))).extracting(SpecError::toString)
			.containsExactly(this.dir.resolve("s.yml") + ":14: destination: a text where a mapping (key: value) is "
					+ "expected");
	}

	@Test
	void everyKeyAtEveryLevelIsKnownForHints() {
		assertThat(SpecKeys.all())
			.contains("name", "source.format", "source.grid-size", "source.uri", "mapping.fields.*.default",
					"mapping.properties.fields.*.on-blank", "destinations.*.mapping.fields",
					"destination.when.equal-to", "schedule.time-zone", "retry.max-runs")
			.doesNotContain("file", "source.other-keys", "destination.mapping");
	}

	private List<SpecError> errors(Path file) {
		SpecException ex = catchThrowableOfType(SpecException.class, () -> this.loader.load(file));
		assertThat(ex).as("a SpecException").isNotNull();
		return ex.errors();
	}

	private SpecError singleError(Path file) {
		SpecException ex = catchThrowableOfType(SpecException.class, () -> this.loader.load(file));
		assertThat(ex).as("a SpecException").isNotNull();
		List<SpecError> errors = ex.errors();
		assertThat(errors).as(ex.getMessage()).hasSize(1);
		return errors.get(0);
	}

	private Path write(String name, String yaml) throws IOException {
		return Files.writeString(this.dir.resolve(name), yaml, StandardCharsets.UTF_8);
	}

	@Test
	void mirrorOnAnEndpointWithoutDeletionsListsTheEndpointsThatCan() throws IOException {
		SpecError error = singleError(write("s.yml", VALID + "  mode: mirror\n"));

		assertThat(error.path()).startsWith("destination");
		assertThat(error.message()).contains("groobee/personalizations has no endpoint that deletes its keys")
			.contains("marketap/profiles")
			.contains("hackle/phone-numbers");
	}

	@Test
	void mirrorNeedsACompleteRead() throws IOException {
		String spec = """
				name: warehouse-mirror
				source: { type: jdbc, datasource: dw, table: users, key: id, updated-at: updated_at }
				mapping:
				  fields: { userId: id }
				  properties: { columns: [tier] }
				destination: { vendor: marketap, endpoint: profiles, mode: mirror }
				""";
		SpecError error = singleError(write("s.yml", spec));

		assertThat(error.path()).isEqualTo("destination.mode");
		assertThat(error.message()).contains("mirror needs a complete read").contains("source.mode: full");
	}

	@Test
	void aScheduleIsACronInAZone() throws IOException {
		JobSpec spec = this.loader
			.load(write("s.yml", VALID + "schedule: { cron: \"0 3 * * *\", time-zone: Asia/Seoul, memory: 1Gi }\n"));
		JobSpec shorthand = this.loader.load(write("t.yml", VALID + "schedule: \"30 2 * * *\"\n"));

		assertThat(spec.schedule().cron()).isEqualTo("0 3 * * *");
		assertThat(spec.schedule().memoryOrDefault()).isEqualTo("1Gi");
		assertThat(shorthand.schedule().cron()).isEqualTo("30 2 * * *");
		assertThat(shorthand.schedule().memoryOrDefault()).isEqualTo("512Mi");
	}

	@Test
	void aNightsDeadlineIsWhatIsLeftOfTheIntervalOnceALateStartHasTakenItsPart() throws IOException {
		ZoneId seoul = ZoneId.of("Asia/Seoul");
		JobSpec daily = this.loader.load(write("d.yml", VALID + "schedule: '0 3 * * *'\n"));
		JobSpec weekdays = this.loader.load(write("w.yml", VALID + "schedule: '0 3 * * 1-5'\n"));
		JobSpec hourly = this.loader.load(write("h.yml", VALID + "schedule: '@hourly'\n"));
		JobSpec given = this.loader.load(write("g.yml", VALID + "schedule: { cron: '0 3 * * *', deadline: 6h }\n"));

		assertThat(daily.schedule().deadlineOrDefault(seoul)).isEqualTo(Duration.ofHours(23));
		assertThat(weekdays.schedule().deadlineOrDefault(seoul)).isEqualTo(Duration.ofHours(23));
		assertThat(hourly.schedule().startingDeadline(seoul)).isEqualTo(Duration.ofMinutes(15));
		assertThat(hourly.schedule().deadlineOrDefault(seoul)).isEqualTo(Duration.ofMinutes(45));
		assertThat(given.schedule().deadlineOrDefault(seoul)).isEqualTo(Duration.ofHours(6));
		assertThat(daily.schedule().deadlineOrDefault(ZoneId.of("Europe/Berlin")))
			.as("the short night of a daylight saving change")
			.isEqualTo(Duration.ofHours(22));
	}

	@Test
	void aBadScheduleNamesItsKey() throws IOException {
		List<SpecError> errors = errors(
				write("s.yml", VALID + "schedule: { cron: \"every night\", time-zone: Mars/Olympus, memory: lots }\n"));

		assertThat(errors).extracting(SpecError::path)
			.containsExactlyInAnyOrder("schedule.cron", "schedule.time-zone", "schedule.memory");
		assertThat(errors.toString()).contains("'every night' is not a five-field cron")
			.contains("'Mars/Olympus' is not a time zone");
	}

}
