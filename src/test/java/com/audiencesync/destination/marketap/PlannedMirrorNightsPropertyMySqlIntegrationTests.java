package com.audiencesync.destination.marketap;

import com.audiencesync.MySqlRepository;
import org.junit.jupiter.api.Tag;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The random planned mirror nights on a MySQL-compatible job repository
 * ({@link MySqlRepository}).
 */
@Tag("mysql")
class PlannedMirrorNightsPropertyMySqlIntegrationTests extends PlannedMirrorNightsPropertyIntegrationTests {

	@DynamicPropertySource
	static void mysql(DynamicPropertyRegistry registry) {
		MySqlRepository.properties(registry);
	}

}
