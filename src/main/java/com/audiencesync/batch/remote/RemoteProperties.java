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
 * @param workerWarning how long a manager waits for a worker to take the first of its
 * partitions before it logs a warning naming the queue
 * @param workerTimeout how long a manager waits for a worker to take the first of its
 * partitions before the run fails (exit 1); the partitions left are marked FAILED, and a
 * worker that comes later skips their messages
 * @param brokerAttempts how many times in a row a worker tries to reach the broker (every
 * 5 s) before it exits non-zero, for its pod to be restarted and seen restarting
 */
@Validated
@ConfigurationProperties("audience-sync.remote")
public record RemoteProperties(@DefaultValue("false") boolean enabled,
		@DefaultValue("audience-sync.partitions") @NotBlank String queue, @DefaultValue("1s") Duration pollInterval,
		@DefaultValue("1") @Min(1) int workerConcurrency, @DefaultValue("2m") Duration workerWarning,
		@DefaultValue("15m") Duration workerTimeout, @DefaultValue("6") @Min(1) int brokerAttempts) {
}
