package com.audiencesync.batch;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import com.audiencesync.batch.jobs.LocalPartitionHandlerFactory;
import com.audiencesync.batch.jobs.PartitionHandlerFactory;
import com.audiencesync.batch.jobs.StateProperties;
import com.audiencesync.batch.recovery.RecoveryProperties;
import com.audiencesync.crypto.KeysetProperties;
import com.audiencesync.crypto.Keysets;
import com.audiencesync.delivery.CommitHook;
import com.audiencesync.destination.DeliveryException;
import com.audiencesync.destination.DeliveryRetry;
import com.audiencesync.state.Heartbeats;
import com.audiencesync.state.RejectedRows;
import com.audiencesync.state.Resealing;
import com.audiencesync.state.SyncConflicts;
import com.audiencesync.state.SyncLinks;
import com.audiencesync.state.SyncState;
import com.audiencesync.state.snapshot.Nights;
import com.zaxxer.hikari.HikariDataSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Beans the jobs share. */
@Configuration(proxyBeanMethods = false)
public class BatchConfiguration {

	/**
	 * On MySQL and MariaDB, a JDBC batch goes as one statement
	 * ({@code rewriteBatchedStatements}): a chunk's sync state, rejected rows and the
	 * like cost a round trip, not one a row (40% of a run's time on MariaDB). And no
	 * statement waits for an answer longer than
	 * {@link RecoveryProperties#repositoryTimeout()} ({@code socketTimeout}): a server
	 * that stops answering fails the run rather than holding it, alive-looking, for ever.
	 * Set in the URL, the URL wins.
	 */
	@Bean
	static BeanPostProcessor mySqlConnectionSettings(Environment environment) {
		Duration timeout = Binder.get(environment)
			.bind(RecoveryProperties.REPOSITORY_TIMEOUT, Duration.class)
			.orElse(Duration.ofMinutes(5));
		return new BeanPostProcessor() {
			@Override
			public Object postProcessBeforeInitialization(Object bean, String beanName) {
				if (bean instanceof HikariDataSource hikari && hikari.getJdbcUrl() != null
						&& (hikari.getJdbcUrl().startsWith("jdbc:mysql:")
								|| hikari.getJdbcUrl().startsWith("jdbc:mariadb:"))) {
					if (!hikari.getJdbcUrl().contains("rewriteBatchedStatements")) {
						hikari.addDataSourceProperty("rewriteBatchedStatements", "true");
					}
					if (!hikari.getJdbcUrl().contains("socketTimeout")) {
						hikari.addDataSourceProperty("socketTimeout", String.valueOf(timeout.toMillis()));
					}
				}
				return bean;
			}
		};
	}

	@Bean
	RejectedRows rejectedRows(JdbcTemplate jdbc) {
		return new RejectedRows(jdbc);
	}

	/**
	 * {@code audience-sync.testing.fail-after-delivered-chunks=N} (tests only) fails the
	 * N-th chunk of the process once its requests were answered and before it commits, as
	 * a crash there would.
	 */
	@Bean
	@ConditionalOnMissingBean
	CommitHook commitHook(@Value("${audience-sync.testing.fail-after-delivered-chunks:0}") int failAfter) {
		if (failAfter <= 0) {
			return CommitHook.NONE;
		}
		AtomicInteger chunks = new AtomicInteger();
		return (partition) -> {
			if (chunks.incrementAndGet() == failAfter) {
				throw new DeliveryException(DeliveryException.Kind.UNAVAILABLE, partition
						+ ": the process stops after a chunk was delivered and before it committed (test hook)");
			}
		};
	}

	@Bean
	Resealing resealing(JdbcTemplate jdbc) {
		return new Resealing(jdbc);
	}

	@Bean
	SyncState syncState(JdbcTemplate jdbc, DataSource dataSource) {
		return new SyncState(jdbc, dataSource);
	}

	/** The sorted snapshots of planned nights ({@code audience-sync.state.*}). */
	@Bean
	Nights nights(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, StateProperties properties) {
		return new Nights(jdbc, new TransactionTemplate(transactionManager), properties.workDirOrDefault(),
				properties.sortMemory().toBytes(), properties.memoDir());
	}

	@Bean
	Heartbeats heartbeats(JdbcTemplate jdbc) {
		return new Heartbeats(jdbc);
	}

	@Bean
	SyncConflicts syncConflicts(JdbcTemplate jdbc) {
		return new SyncConflicts(jdbc);
	}

	@Bean
	SyncLinks syncLinks(JdbcTemplate jdbc, DataSource dataSource) {
		return new SyncLinks(jdbc, dataSource);
	}

	/**
	 * The keysets, loaded when a run needs them: configured, or throwaway ones where the
	 * job repository is a local H2 database (beside its file, or in memory).
	 */
	@Bean
	Keysets keysets(KeysetProperties properties, @Value("${spring.datasource.url:}") String url) {
		return new Keysets(properties, throwaway(url));
	}

	public static Keysets.Throwaway throwaway(String url) {
		if (url.startsWith("jdbc:h2:mem:")) {
			return Keysets.Throwaway.IN_MEMORY;
		}
		if (url.startsWith("jdbc:h2:")) {
			String path = url.substring("jdbc:h2:".length()).replaceFirst("^file:", "");
			int options = path.indexOf(';');
			Path file = Path.of((options < 0) ? path : path.substring(0, options));
			return new Keysets.Throwaway((file.getParent() != null) ? file.getParent() : Path.of("."), true);
		}
		return Keysets.Throwaway.NONE;
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
