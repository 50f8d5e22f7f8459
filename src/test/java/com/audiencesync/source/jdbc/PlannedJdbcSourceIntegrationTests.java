package com.audiencesync.source.jdbc;

import org.springframework.test.context.TestPropertySource;

/**
 * {@link JdbcSourceIntegrationTests} with planned nights (sorted snapshots) turned on: a
 * table's syncs keep the per-key table until what a planned night guarantees for rows
 * that change between the plan and the delivery is built, and run as before.
 */
@TestPropertySource(properties = "audience-sync.state.snapshots=true")
class PlannedJdbcSourceIntegrationTests extends JdbcSourceIntegrationTests {

}
