package com.audiencesync.batch.remote;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.dao.EmptyResultDataAccessException;

/**
 * A worker's broker and job repository, looked at every few seconds: a worker that cannot
 * reach either for {@code broker-attempts} looks in a row ends, non-zero, rather than
 * retrying for ever while looking alive; its pod restarts, and the restarts show.
 */
public final class WorkerHealth {

	private static final Logger log = LoggerFactory.getLogger(WorkerHealth.class);

	static final Duration EVERY = Duration.ofSeconds(5);

	private final ConnectionFactory connectionFactory;

	private final JobRepository jobRepository;

	private final int attempts;

	WorkerHealth(ConnectionFactory connectionFactory, JobRepository jobRepository, RemoteProperties properties) {
		this.connectionFactory = connectionFactory;
		this.jobRepository = jobRepository;
		this.attempts = properties.brokerAttempts();
	}

	/**
	 * Waits while the worker can reach its broker and its job repository.
	 * @return what it could not reach, once it failed {@code broker-attempts} times in a
	 * row
	 */
	public String watch() throws InterruptedException {
		int broker = 0;
		int repository = 0;
		while (true) {
			try (var connection = this.connectionFactory.createConnection()) {
				broker = 0;
			}
			catch (RuntimeException ex) {
				String problem = Broker.unreachable(this.connectionFactory, ex);
				if (++broker >= this.attempts) {
					return problem + " (" + broker + " attempts, " + EVERY.toSeconds() + "s apart)";
				}
				log.warn("{} (attempt {} of {})", problem, broker, this.attempts);
			}
			try {
				this.jobRepository.getStepExecution(-1L);
				repository = 0;
			}
			catch (EmptyResultDataAccessException ex) {
				// it answered: no such step execution
				repository = 0;
			}
			catch (RuntimeException ex) {
				String problem = "the job repository (spring.datasource.url) cannot be reached: " + deepest(ex);
				if (++repository >= this.attempts) {
					return problem + " (" + repository + " attempts, " + EVERY.toSeconds() + "s apart)";
				}
				log.warn("{} (attempt {} of {})", problem, repository, this.attempts);
			}
			Thread.sleep(EVERY.toMillis());
		}
	}

	private static String deepest(Throwable ex) {
		String reason = ex.getClass().getSimpleName();
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
				reason = cause.getMessage().lines().findFirst().orElse("").strip();
			}
		}
		return reason;
	}

}
