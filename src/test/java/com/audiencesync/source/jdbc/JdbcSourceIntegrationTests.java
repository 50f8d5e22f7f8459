package com.audiencesync.source.jdbc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.UUID;

import com.audiencesync.IntegrationTest;
import com.audiencesync.TestExtracts;
import com.audiencesync.batch.launch.Preview;
import com.audiencesync.batch.launch.RunOutcome;
import com.audiencesync.batch.launch.RunOutcome.Kind;
import com.audiencesync.spec.JobSpec;
import com.audiencesync.spec.SpecException;
import com.audiencesync.spec.SpecLoader;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The {@code jdbc} source on an H2 warehouse, apart from the job repository's database:
 * the scenario, then a range that fails midway and restarts from its last committed key,
 * a key that is not unique, and a warehouse that is not configured.
 */
@IntegrationTest
class JdbcSourceIntegrationTests extends JdbcSourceScenario {

	static final String URL = "jdbc:h2:mem:warehouse-" + UUID.randomUUID()
			+ ";DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE";

	@Autowired
	ApplicationContext context;

	@DynamicPropertySource
	static void warehouse(DynamicPropertyRegistry registry) {
		registry.add("audience-sync.warehouses.warehouse.url", () -> URL);
		registry.add("audience-sync.warehouses.warehouse.username", () -> "sa");
		// a warehouse that is down: nothing listens on port 1
		registry.add("audience-sync.warehouses.down.url", () -> "jdbc:mysql://127.0.0.1:1/warehouse");
		registry.add("audience-sync.warehouses.down.connection-timeout", () -> "2s");
		// a warehouse whose driver is not on the classpath (Snowflake's is not bundled)
		registry.add("audience-sync.warehouses.nodriver.url", () -> "jdbc:snowflake://acme.snowflakecomputing.com/");
	}

	@Override
	String[] warehouseConnection() {
		return new String[] { URL, "sa", "" };
	}

	@Override
	String dateTimeType() {
		return "TIMESTAMP(3)";
	}

	@Test
	void aKeyThatIsNotUniqueFailsTheRunNamingTheColumn() {
		// given two rows that share a grade (the key the spec names)
		row(1, "2026-11-22 03:00:00.000", "010-1000-0001");
		row(2, "2026-11-22 04:00:00.000", "010-1000-0002");
		JobSpec spec = spec(jobName("dup"), "", 10, 1, 2);
		JobSpec byGrade = new SpecLoader()
			.load(TestExtracts.write(spec.file(), read(spec).replace("key: id", "key: grade")));

		// when
		RunOutcome outcome = this.launcher.run(byGrade, DATE, options());

		// then the run fails before reading, saying which column and why
		assertThat(outcome.kind()).isEqualTo(Kind.FAILED);
		assertThat(outcome.report().exitMessage()).contains("source.key 'grade' is not unique")
			.contains("1 row(s) repeat another row's key");
		assertThat(sandbox.emulator("groobee").requestCount()).isZero();

		// when the column is made unique and the date runs again, then the restart plans
		// the ranges it could not plan before and reads every row
		this.warehouse.update("UPDATE " + this.table + " SET grade = 'SILVER' WHERE id = 2");
		RunOutcome fixed = this.launcher.run(byGrade, DATE, options());
		assertThat(fixed.kind()).as(fixed.message()).isEqualTo(Kind.COMPLETED);
		assertThat(fixed.report().partitions()).isEqualTo(2);
		assertThat(delivered()).containsExactlyInAnyOrder("m-1", "m-2");
	}

	@Test
	void aWarehouseThatIsNotConfiguredNamesThePropertyToSetAndNothingRuns() {
		String job = jobName("nowhere");
		JobSpec spec = spec(job, "  datasource: analytics\n", 10, 1, 2);

		SpecException refused = catchThrowableOfType(SpecException.class,
				() -> this.launcher.run(spec, DATE, options()));

		assertThat(refused.configuration()).containsExactly("audience-sync.warehouses.analytics.url is not set: "
				+ "source.datasource names warehouse 'analytics' (set its .url, .username and .password); "
				+ "configured: [demo, down, nodriver, warehouse]");
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE WHERE JOB_NAME = ?", Integer.class,
				job))
			.isZero();
		assertThat(Preview.unavailable(spec, DATE, this.context::getBean)).get(InstanceOfAssertFactories.STRING)
			.contains("audience-sync.warehouses.analytics.url");
	}

	@Test
	void aWarehouseRefusingTheConnectionStopsTheRunBeforeItStarts() {
		String job = jobName("down");
		JobSpec spec = spec(job, "  datasource: down\n", 10, 1, 2);

		RunOutcome outcome = this.launcher.run(spec, DATE, options());

		assertThat(outcome.kind()).isEqualTo(Kind.UNAVAILABLE);
		assertThat(outcome.message())
			.startsWith(job + " for runDate " + DATE + " cannot start: source.datasource "
					+ "'down': the warehouse refuses the connection: ")
			.endsWith("(nothing ran)");
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE WHERE JOB_NAME = ?", Integer.class,
				job))
			.isZero();
	}

	@Test
	void aWarehouseWhoseDriverIsMissingNamesTheWarehouseNotTheJobRepository() {
		String job = jobName("nodriver");
		JobSpec spec = spec(job, "  datasource: nodriver\n", 10, 1, 2);

		RunOutcome outcome = this.launcher.run(spec, DATE, options());

		assertThat(outcome.kind()).isEqualTo(Kind.UNAVAILABLE);
		assertThat(outcome.message()).contains("source.datasource 'nodriver'")
			.contains("no JDBC driver on the classpath takes audience-sync.warehouses.nodriver.url (jdbc:snowflake:")
			.contains("driver-class-name")
			.doesNotContain("job repository")
			.endsWith("(nothing ran)");
	}

	private static String read(JobSpec spec) {
		try {
			return Files.readString(spec.file());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
