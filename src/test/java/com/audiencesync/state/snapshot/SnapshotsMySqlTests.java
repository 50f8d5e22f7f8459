package com.audiencesync.state.snapshot;

import javax.sql.DataSource;

import com.audiencesync.MySqlRepository;
import org.junit.jupiter.api.Tag;

/** {@link SnapshotsTests} on the MySQL-compatible server ({@link MySqlRepository}). */
@Tag("mysql")
class SnapshotsMySqlTests extends SnapshotsTests {

	@Override
	DataSource dataSource() {
		return MySqlRepository.withSchema();
	}

}
