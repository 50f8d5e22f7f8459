package com.audiencesync.cli;

import org.springframework.test.context.TestPropertySource;

/**
 * {@link DryRunIntegrationTests} on planned nights (sorted snapshots): a dry run is the
 * night's plan and merge, mirrors' deletions and their limit included, and says what the
 * next run then does.
 */
@TestPropertySource(properties = "audience-sync.state.snapshots=true")
class PlannedDryRunIntegrationTests extends DryRunIntegrationTests {

}
