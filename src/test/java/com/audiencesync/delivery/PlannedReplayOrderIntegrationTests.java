package com.audiencesync.delivery;

import org.springframework.test.context.TestPropertySource;

/** {@link ReplayOrderIntegrationTests} on a planned night (sorted snapshots). */
@TestPropertySource(properties = "audience-sync.state.snapshots=true")
class PlannedReplayOrderIntegrationTests extends ReplayOrderIntegrationTests {

}
