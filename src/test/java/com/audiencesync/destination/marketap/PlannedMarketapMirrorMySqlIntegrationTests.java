package com.audiencesync.destination.marketap;

import com.audiencesync.MySqlRepository;
import org.junit.jupiter.api.Tag;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Planned mirrors on a MySQL-compatible job repository ({@link MySqlRepository}). */
@Tag("mysql")
class PlannedMarketapMirrorMySqlIntegrationTests extends PlannedMarketapMirrorIntegrationTests {

	@DynamicPropertySource
	static void mysql(DynamicPropertyRegistry registry) {
		MySqlRepository.properties(registry);
	}

}
