package com.audiencesync.source.jdbc;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.audiencesync.names.Names;
import com.audiencesync.source.SourceReadException;
import com.audiencesync.source.SourceRow;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.support.ResourcelessJobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The partitioner's restart naming contract and the reader's values, on H2 without a
 * Spring context.
 */
class JdbcSourceTests {

	static final LocalDate DATE = LocalDate.of(2026, 11, 22);

	final DriverManagerDataSource warehouse = new DriverManagerDataSource(
			"jdbc:h2:mem:jdbc-source-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");

	final JdbcTemplate jdbc = new JdbcTemplate(this.warehouse);

	@BeforeEach
	void table() {
		this.jdbc.execute("CREATE TABLE members (id BIGINT PRIMARY KEY, code VARCHAR(20) NOT NULL UNIQUE,"
				+ " amount DECIMAL(10,2), opt_in BOOLEAN, birthday DATE, updated_at TIMESTAMP(3), photo BLOB)");
		for (int i = 1; i <= 1000; i++) {
			insert(i * 10L);
		}
	}

	@Test
	void aRestartKeepsTheFirstAttemptsRangesWhateverChangedSince() {
		// given a first attempt that planned 4 ranges of 1,000 rows
		StepExecution manager = manager();
		JdbcSource first = source(full("members", "id"));
		first.beforeStep(manager);
		Map<String, ExecutionContext> planned = first.partition(4);
		assertThat(planned).containsOnlyKeys("part:keys-01-of-04", "part:keys-02-of-04", "part:keys-03-of-04",
				"part:keys-04-of-04");

		// when 2,000 rows arrive below the third range (every quantile moves) before the
		// restart
		for (long id = 0; id < 2000; id++) {
			insert(id * 2 + 1);
		}
		JdbcSource restarted = source(full("members", "id"));
		restarted.beforeStep(manager);

		// then the restart has the same ranges, with the same bounds
		assertThat(restarted.getPartitionNames(4)).containsExactlyElementsOf(planned.keySet());
		for (String name : planned.keySet()) {
			ExecutionContext initial = restarted.initialContext(name).orElseThrow();
			assertThat(initial.get(Names.JDBC_LOWER)).isEqualTo(planned.get(name).get(Names.JDBC_LOWER));
			assertThat(initial.get(Names.JDBC_UPPER)).isEqualTo(planned.get(name).get(Names.JDBC_UPPER));
		}
		assertThat(planned.get("part:keys-01-of-04").get(Names.JDBC_UPPER)).isEqualTo(2500L);

		// while a new run would split elsewhere
		JdbcSource fresh = source(full("members", "id"));
		fresh.beforeStep(manager());
		assertThat(fresh.partition(4).get("part:keys-01-of-04").get(Names.JDBC_UPPER)).isNotEqualTo(2500L);
	}

	@Test
	void aQueryIsReadInKeyOrderWithTypedValuesUnderCaseInsensitiveLabels() throws Exception {
		// given a query whose key is text, read two rows a page, times stored in Seoul
		this.jdbc.update("UPDATE members SET photo = X'CAFE' WHERE id = 10");
		JdbcSourceSpec spec = new JdbcSourceSpec("jdbc", null, null,
				"SELECT code AS member_code, amount, opt_in, birthday, updated_at, photo FROM members WHERE id <= 30;",
				"member_code", null, "full", "Asia/Seoul", 1, null, Map.of());
		JdbcSource source = new JdbcSource(this.warehouse, spec, null, DATE, DATE, ZoneId.of("Asia/Seoul"), 2);

		// when
		ExecutionContext partition = source.partition(1).get("part:keys-01-of-01");
		List<SourceRow> rows = readAll(source.reader(partition));

		// then
		assertThat(rows).extracting(SourceRow::where)
			.containsExactly("query[keys-01-of-01]:1", "query[keys-01-of-01]:2", "query[keys-01-of-01]:3");
		Map<String, Object> first = rows.get(0).values();
		assertThat(first.get("member_code")).as("H2 reports MEMBER_CODE").isEqualTo("C0000000010");
		assertThat(first.get("amount")).isEqualTo(new BigDecimal("10.50"));
		assertThat(first.get("opt_in")).isEqualTo(true);
		assertThat(first.get("birthday")).isEqualTo("1990-01-11");
		assertThat(first.get("updated_at")).isEqualTo("2026-11-22T09:30:00.123+09:00");
		assertThat(first).doesNotContainKey("PHOTO");
	}

	@Test
	void anIntegerKeyIsTheRowsPosition() throws Exception {
		JdbcSource source = source(full("members", "id"));

		List<SourceRow> rows = readAll(source.reader(source.partition(2).get("part:keys-02-of-02")));

		assertThat(rows).hasSize(500);
		assertThat(rows.get(0).where()).isEqualTo("members.id:5010");
		assertThat(rows.get(499).where()).isEqualTo("members.id:10000");
	}

	@Test
	void aRestartWithAnotherChunkResumesAfterTheLastCommittedRow() throws Exception {
		// given a range read 100 rows a page that committed 500 rows, then read 30 more
		// and failed
		JdbcSource source = source(full("members", "id"));
		ExecutionContext partition = source.partition(1).get("part:keys-01-of-01");
		ItemStreamReader<SourceRow> first = source.reader(partition);
		first.open(partition);
		for (int i = 0; i < 500; i++) {
			first.read();
		}
		first.update(partition);
		for (int i = 0; i < 30; i++) {
			first.read();
		}
		first.close();

		// when the restart's spec says chunk 300
		JdbcSource changed = new JdbcSource(this.warehouse, full("members", "id"), new ResourcelessJobRepository(),
				DATE, DATE, ZoneId.of("Asia/Seoul"), 300);
		ItemStreamReader<SourceRow> restarted = changed.reader(partition);
		List<SourceRow> rest = new ArrayList<>();
		restarted.open(partition);
		SourceRow row;
		while ((row = restarted.read()) != null) {
			rest.add(row);
		}
		restarted.close();

		// then it reads on from row 501, every remaining row once
		assertThat(rest).hasSize(500);
		assertThat(rest.get(0).where()).isEqualTo("members.id:5010");
	}

	@Test
	void aNullKeyIsRefusedNamingTheColumn() {
		JdbcSourceSpec spec = new JdbcSourceSpec("jdbc", null, null,
				"SELECT CASE WHEN id = 20 THEN NULL ELSE id END AS user_id, code FROM members", "user_id", null, null,
				null, null, null, Map.of());

		assertThatExceptionOfType(SourceReadException.class).isThrownBy(() -> source(spec).partition(4))
			.withMessageStartingWith("source.key 'user_id' is null in 1 row(s) of warehouse:query")
			.withMessageContaining("must be a non-null unique column");
	}

	private void insert(long id) {
		this.jdbc.update(
				"INSERT INTO members (id, code, amount, opt_in, birthday, updated_at) VALUES (?, ?, ?, ?, ?, ?)", id,
				String.format("C%010d", id), new BigDecimal(id).add(new BigDecimal("0.50")), id % 2 == 0,
				LocalDate.of(1990, 1, 1).plusDays(id % 365), "2026-11-22 09:30:00.123");
	}

	private JdbcSource source(JdbcSourceSpec spec) {
		return new JdbcSource(this.warehouse, spec, new ResourcelessJobRepository(), DATE, DATE,
				ZoneId.of("Asia/Seoul"), 100);
	}

	private static JdbcSourceSpec full(String table, String key) {
		return new JdbcSourceSpec("jdbc", null, table, null, key, null, null, null, null, null, Map.of());
	}

	private static StepExecution manager() {
		JobExecution job = new JobExecution(1L, new JobInstance(1L, "job"), new JobParameters());
		return new StepExecution(1L, "sync", job);
	}

	private static List<SourceRow> readAll(ItemStreamReader<SourceRow> reader) throws Exception {
		List<SourceRow> rows = new ArrayList<>();
		reader.open(new ExecutionContext());
		try {
			SourceRow row;
			while ((row = reader.read()) != null) {
				rows.add(row);
			}
		}
		finally {
			reader.close();
		}
		return rows;
	}

}
