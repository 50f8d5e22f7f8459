package com.audiencesync.batch.jobs;

import com.audiencesync.IntegrationTest;

/** The restart contract on the default job repository (H2). */
@IntegrationTest
class SyncJobIntegrationTests extends RestartScenario {

}
