package com.audiencesync.batch;

import com.audiencesync.IntegrationTest;

/** The restart contract on the default job repository (H2). */
@IntegrationTest
class SyncJobIntegrationTests extends RestartScenario {

}
