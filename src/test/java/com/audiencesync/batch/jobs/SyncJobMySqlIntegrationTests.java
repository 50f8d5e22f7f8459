package com.audiencesync.batch.jobs;

import com.audiencesync.IntegrationTest;
import com.audiencesync.MySqlRepository;
import org.junit.jupiter.api.Tag;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The restart contract on a MySQL-compatible job repository ({@link MySqlRepository}).
 */
@Tag("mysql")
@IntegrationTest
class SyncJobMySqlIntegrationTests extends RestartScenario {

	@DynamicPropertySource
	static void mysql(DynamicPropertyRegistry registry) {
		MySqlRepository.properties(registry);
	}

}
