package com.audiencesync.delivery;

import com.audiencesync.MySqlRepository;
import org.junit.jupiter.api.Tag;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The random planned nights on a MySQL-compatible job repository
 * ({@link MySqlRepository}).
 */
@Tag("mysql")
class PlannedNightsPropertyMySqlIntegrationTests extends PlannedNightsPropertyIntegrationTests {

	@DynamicPropertySource
	static void mysql(DynamicPropertyRegistry registry) {
		MySqlRepository.properties(registry);
	}

}
