package com.audiencesync.spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SpecCatalogTests {

	private static final String SPEC = """
			name: %s
			source: { type: file, path: data, format: jsonl }
			mapping:
			  fields:
			    memberId: member_id
			    phoneNumber: { column: phone, type: phone }
			  properties: { columns: [grade] }
			destination: { vendor: groobee, endpoint: personalizations }
			""";

	@TempDir
	Path jobs;

	@Test
	void resolvesAPath() throws IOException {
		Path file = write("anything.yml", "members");

		JobSpec spec = new SpecCatalog(this.jobs.resolve("elsewhere")).resolve(file.toString());

		assertThat(spec.name()).isEqualTo("members");
		assertThat(spec.file()).isEqualTo(file.toAbsolutePath().normalize());
	}

	@Test
	void resolvesAJobNameFromItsFile() throws IOException {
		write("members.yml", "members");
		write("orders.yaml", "orders");

		SpecCatalog catalog = new SpecCatalog(this.jobs);

		assertThat(catalog.resolve("members").name()).isEqualTo("members");
		assertThat(catalog.resolve("orders").name()).isEqualTo("orders");
	}

	@Test
	void resolvesAJobNameFromAFileNamedDifferently() throws IOException {
		// given
		write("01-nightly-members.yml", "members");
		write("02-orders.yml", "orders");

		// when
		JobSpec spec = new SpecCatalog(this.jobs).resolve("orders");

		// then
		assertThat(spec.name()).isEqualTo("orders");
		assertThat(spec.file().getFileName()).hasToString("02-orders.yml");
	}

	@Test
	void aBrokenSpecDoesNotHideAnotherJob() throws IOException {
		// given: a typo in one job's spec, sorted before the one asked for
		Files.writeString(this.jobs.resolve("a-broken.yml"), "name: broken\nchunk: abc\n");
		write("b-members.yml", "members");

		// when
		JobSpec spec = new SpecCatalog(this.jobs).resolve("members");

		// then
		assertThat(spec.name()).isEqualTo("members");
	}

	@Test
	void nothingMatchesShowsTheSpecsThatCouldNotBeRead() throws IOException {
		// given: the job asked for may be the broken one
		Path broken = Files.writeString(this.jobs.resolve("nightly.yml"), "name: orders\nchunk: abc\n");

		// when
		SpecException ex = catchThrowableOfType(SpecException.class,
				() -> new SpecCatalog(this.jobs).resolve("orders"));

		// then
		assertThat(ex.errors()).hasSizeGreaterThan(1);
		assertThat(ex.errors().get(0).message()).contains("could not be read");
		assertThat(ex.getMessage()).contains(broken + ":2: chunk:");
	}

	@Test
	void nothingMatches() throws IOException {
		write("members.yml", "members");

		SpecException ex = catchThrowableOfType(SpecException.class,
				() -> new SpecCatalog(this.jobs).resolve("orders"));

		assertThat(ex.errors()).hasSize(1);
		assertThat(ex.getMessage()).startsWith("orders: ").contains("no such spec file").contains(this.jobs.toString());
	}

	@Test
	void nothingMatchesWhenTheJobsFolderIsMissing() {
		Path missing = this.jobs.resolve("missing");

		SpecException ex = catchThrowableOfType(SpecException.class, () -> new SpecCatalog(missing).resolve("orders"));

		assertThat(ex.getMessage()).contains("orders").contains("no such spec file");
	}

	private Path write(String file, String name) throws IOException {
		return Files.writeString(this.jobs.resolve(file), SPEC.formatted(name));
	}

}
