package com.audiencesync.batch;

import com.audiencesync.destination.DeliveryRetry;
import com.audiencesync.state.RejectedRows;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** Beans the jobs share. */
@Configuration(proxyBeanMethods = false)
class BatchConfiguration {

	@Bean
	RejectedRows rejectedRows(JdbcTemplate jdbc) {
		return new RejectedRows(jdbc);
	}

	@Bean
	@ConditionalOnMissingBean
	PartitionHandlerFactory partitionHandlerFactory() {
		return new LocalPartitionHandlerFactory();
	}

	/**
	 * Waits between retries; {@code audience-sync.retry.sleep=false} turns waiting off
	 * (tests: the backoff is computed and bounded as usual, only not slept).
	 */
	@Bean
	@ConditionalOnMissingBean
	DeliveryRetry.Sleeper sleeper(@Value("${audience-sync.retry.sleep:true}") boolean sleep) {
		return sleep ? DeliveryRetry.Sleeper.THREAD : (duration) -> {
		};
	}

}
