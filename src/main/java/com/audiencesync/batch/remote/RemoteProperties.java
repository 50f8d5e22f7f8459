package com.audiencesync.batch.remote;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Remote partitioning ({@code audience-sync.remote.*}); the broker is Spring Boot's
 * {@code spring.rabbitmq.*}.
 *
 * @param enabled whether runs hand their partitions to workers ({@code run --remote} sets
 * it for one run)
 * @param queue the durable queue partitions go through
 * @param pollInterval how often the manager looks in the job repository for its
 * partitions' ends
 * @param workerConcurrency partitions one worker runs at once
 */
@Validated
@ConfigurationProperties("audience-sync.remote")
public record RemoteProperties(@DefaultValue("false") boolean enabled,
		@DefaultValue("audience-sync.partitions") @NotBlank String queue, @DefaultValue("1s") Duration pollInterval,
		@DefaultValue("1") @Min(1) int workerConcurrency) {
}
