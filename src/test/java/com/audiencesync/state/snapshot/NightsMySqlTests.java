package com.audiencesync.state.snapshot;

import javax.sql.DataSource;

import com.audiencesync.MySqlRepository;
import org.junit.jupiter.api.Tag;

import org.springframework.core.io.FileSystemResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/** {@link NightsTests} on the MySQL-compatible server ({@link MySqlRepository}). */
@Tag("mysql")
class NightsMySqlTests extends NightsTests {

	@Override
	DataSource dataSource() {
		DataSource dataSource = MySqlRepository.dataSource();
		new ResourceDatabasePopulator(new FileSystemResource("sql/schema-mysql.sql")).execute(dataSource);
		return dataSource;
	}

}
