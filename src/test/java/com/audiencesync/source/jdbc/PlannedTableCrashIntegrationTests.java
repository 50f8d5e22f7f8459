package com.audiencesync.source.jdbc;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import com.audiencesync.IntegrationTest;
import com.audiencesync.JobTest;
import com.audiencesync.TestExtracts;
import com.audiencesync.batch.launch.RunOutcome;
import com.audiencesync.batch.launch.RunOutcome.Kind;
import com.audiencesync.destination.emulator.Emulator;
import com.audiencesync.destination.emulator.StoredRecord;
import com.audiencesync.spec.JobSpec;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A planned night of a table that crashes between the vendor's answer and a chunk's
 * commit, while rows of the table are deleted, changed and inserted before its restart.
 * The restart goes on after the last committed chunk: the rows already sent are not taken
 * for gone, the planned rows deleted since (in the middle and at the end) keep no entry,
 * a changed one is sent as it is now, and the next night sends exactly what the vendor
 * lacks.
 */
@IntegrationTest
@TestPropertySource(properties = "audience-sync.testing.fail-after-delivered-chunks=3")
class PlannedTableCrashIntegrationTests extends JobTest {

	static final String URL = "jdbc:h2:mem:crash-warehouse-" + UUID.randomUUID()
			+ ";DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE";

	@DynamicPropertySource
	static void warehouse(DynamicPropertyRegistry registry) {
		registry.add("audience-sync.warehouses.warehouse.url", () -> URL);
		registry.add("audience-sync.warehouses.warehouse.username", () -> "sa");
	}

	@Override
	protected String vendor() {
		return "groobee";
	}

	@Test
	void theRestartAfterACrashFindsWhatChangedSinceThePlanAndTheNextNightSendsWhatTheVendorLacks() {
		// given 1,000 members of ids 1 to 1,000, read in one range of 100-row chunks
		DataSource dataSource = new DriverManagerDataSource(URL, "sa", "");
		JdbcTemplate warehouse = new JdbcTemplate(dataSource);
		String table = "members_" + UUID.randomUUID().toString().substring(0, 8);
		warehouse.execute("CREATE TABLE " + table
				+ " (id BIGINT NOT NULL PRIMARY KEY, member_id VARCHAR(40), phone VARCHAR(20), points INT)");
		for (long id = 1; id <= 1_000; id++) {
			insert(warehouse, table, id, id);
		}
		JobSpec spec = spec(table);
		Emulator groobee = sandbox.emulator("groobee");

		// when the first night crashes once its third chunk was sent, before it commits
		RunOutcome crashed = this.launcher.run(spec, DATE, this.options);
		assertThat(crashed.kind()).isEqualTo(Kind.FAILED);
		assertThat(groobee.records()).hasSize(300);

		// and before the restart a committed row and two planned ones (one the last) are
		// deleted, a planned row changes, and a row is inserted
		warehouse.update("DELETE FROM " + table + " WHERE id IN (50, 700, 1000)");
		warehouse.update("UPDATE " + table + " SET points = 8888 WHERE id = 800");
		insert(warehouse, table, 1_001, 1_001);
		RunOutcome restarted = this.launcher.run(spec, DATE, this.options);

		// then the rows from the chunk in flight on were sent once more at most, the
		// changed one as it is now, the deleted and the inserted ones not
		assertThat(restarted.kind()).as(restarted.message()).isEqualTo(Kind.COMPLETED);
		Map<String, StoredRecord> held = JdbcSourceScenario.byMember(groobee);
		assertThat(held).hasSize(998).doesNotContainKeys("m-700", "m-1000", "m-1001").containsKey("m-50");
		assertThat(held.get("m-800").properties()).containsEntry("points", 8888);
		for (long id = 1; id <= 999; id++) {
			if (id != 700) {
				assertThat(held.get("m-" + id).deliveries()).as("deliveries of m-%d", id)
					.isEqualTo((id > 200 && id <= 300) ? 2 : 1);
			}
		}

		// when the two deleted planned rows come back as they were planned
		insert(warehouse, table, 700, 700);
		insert(warehouse, table, 1_000, 1_000);
		RunOutcome next = this.launcher.run(spec, DATE.plusDays(1), this.options);

		// then the next night sends them and the inserted row, and nothing else: the
		// rows sent before the crash were kept in the snapshot
		assertThat(next.kind()).as(next.message()).isEqualTo(Kind.COMPLETED);
		assertThat(next.report().delivered()).isEqualTo(3);
		Map<String, StoredRecord> last = JdbcSourceScenario.byMember(groobee);
		assertThat(last).containsKeys("m-700", "m-1000", "m-1001");
		Map<String, Object> table1 = new LinkedHashMap<>();
		warehouse.query("SELECT member_id, points FROM " + table,
				(RowCallbackHandler) (rs) -> table1.put(rs.getString(1), rs.getInt(2)));
		Map<String, Object> vendor = JdbcSourceScenario.vendorPoints(last);
		vendor.remove("m-50");
		assertThat(vendor).isEqualTo(table1);
		warehouse.execute("DROP TABLE " + table);
	}

	private static void insert(JdbcTemplate warehouse, String table, long id, long points) {
		warehouse.update("INSERT INTO " + table + " VALUES (?, ?, ?, ?)", id, "m-" + id,
				TestExtracts.phone((int) id).replace("-", ""), points);
	}

	private JobSpec spec(String table) {
		return JdbcSourceScenario.wholeTable(this.dir, "table-crash-" + UUID.randomUUID().toString().substring(0, 8),
				table, 1);
	}

}
