package com.audiencesync.batch;

import com.audiencesync.destination.DeliveryRetry;
import com.audiencesync.state.RejectedRows;

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

	@Bean
	@ConditionalOnMissingBean
	DeliveryRetry.Sleeper sleeper() {
		return DeliveryRetry.Sleeper.THREAD;
	}

}
