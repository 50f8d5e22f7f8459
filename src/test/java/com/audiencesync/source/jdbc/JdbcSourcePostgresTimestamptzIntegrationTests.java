package com.audiencesync.source.jdbc;

import org.junit.jupiter.api.Tag;

/**
 * The PostgreSQL scenario with {@code updated_at} a {@code timestamptz}: an instant, so
 * the window's bounds are instants too, whatever the column zone and the session's.
 */
@Tag("postgres")
class JdbcSourcePostgresTimestamptzIntegrationTests extends JdbcSourcePostgresIntegrationTests {

	@Override
	String dateTimeType() {
		return "TIMESTAMPTZ(3)";
	}

}
