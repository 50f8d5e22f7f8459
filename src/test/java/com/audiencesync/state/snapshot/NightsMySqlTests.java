package com.audiencesync.state.snapshot;

import javax.sql.DataSource;

import com.audiencesync.MySqlRepository;
import org.junit.jupiter.api.Tag;

/** {@link NightsTests} on the MySQL-compatible server ({@link MySqlRepository}). */
@Tag("mysql")
class NightsMySqlTests extends NightsTests {

	@Override
	DataSource dataSource() {
		return MySqlRepository.withSchema();
	}

}
