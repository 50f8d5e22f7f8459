package com.audiencesync.batch.launch;

import com.audiencesync.batch.BatchConfiguration;
import com.audiencesync.batch.PathBinding;
import com.audiencesync.batch.SyncProperties;
import com.audiencesync.batch.jobs.StateProperties;
import com.audiencesync.batch.recovery.Recovery;
import com.audiencesync.batch.recovery.RecoveryProperties;
import com.audiencesync.batch.reports.RunReports;
import com.audiencesync.crypto.KeysetProperties;
import com.audiencesync.source.jdbc.WarehouseProperties;
import com.audiencesync.source.jdbc.Warehouses;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.batch.autoconfigure.BatchAutoConfiguration;
import org.springframework.boot.batch.jdbc.autoconfigure.BatchJdbcAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The Spring applications smaller than the whole one, for commands that need only part of
 * it: they start in a fraction of the time (docs/development.md, start-up). The whole
 * application is the main class; what these hold is the same beans, configured the same
 * way. The command line picks, per command, the whole application or one of these.
 */
public final class PartialApplications {

	private PartialApplications() {
	}

	/**
	 * The settings, the warehouses and the check of what a run needs of the
	 * configuration, without the job repository: {@code validate}. No S3 client: Spring
	 * Cloud AWS builds one whenever any resource is resolved, a second of start-up; an S3
	 * source asks the whole application for it.
	 */
	public static Class<?> sources() {
		return Sources.class;
	}

	/**
	 * The job repository, its operator, the run reports and recovery: {@code status},
	 * {@code stop}, {@code abandon}, {@code recover}.
	 */
	public static Class<?> repository() {
		return Repository.class;
	}

	// not @Configuration: the whole application's component scan must not pick these up
	// the validator checks the vendors' settings records; made only when one is checked
	@ImportAutoConfiguration(ValidationAutoConfiguration.class)
	@EnableConfigurationProperties({ SyncProperties.class, WarehouseProperties.class, KeysetProperties.class })
	@Import({ PathBinding.class, Warehouses.class, Preflight.class })
	static class Sources {

	}

	@ImportAutoConfiguration({ DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
			JdbcTemplateAutoConfiguration.class, BatchAutoConfiguration.class, BatchJdbcAutoConfiguration.class })
	@EnableConfigurationProperties({ SyncProperties.class, RecoveryProperties.class, KeysetProperties.class,
			StateProperties.class })
	@Import({ PathBinding.class, BatchConfiguration.class, RunReports.class, Recovery.class })
	static class Repository {

	}

}
