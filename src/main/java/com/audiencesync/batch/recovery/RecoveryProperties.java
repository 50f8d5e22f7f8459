package com.audiencesync.batch.recovery;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How killed runs are told from live ones ({@code audience-sync.recovery.*}).
 *
 * @param heartbeat how often a running execution writes its heartbeat
 * @param staleAfter a STARTED execution whose heartbeat is older than this belongs to a
 * process that died: the next run of its date marks it FAILED and restarts it
 * @param repositoryWait how long a run that lost its job repository waits for it to come
 * back, to mark its execution FAILED itself (then the next run resumes at once, rather
 * than after {@code stale-after})
 * @param repositoryTimeout the longest a MySQL or MariaDB job repository may take to
 * answer one statement (the driver's {@code socketTimeout}): past it the statement fails,
 * so a repository that stops answering fails the run instead of holding it for ever. It
 * must outlast the longest statement (the schema's set-up waits up to 2 minutes for
 * another process's); set in the URL, the URL wins
 */
@ConfigurationProperties("audience-sync.recovery")
public record RecoveryProperties(@DefaultValue("15s") Duration heartbeat, @DefaultValue("2m") Duration staleAfter,
		@DefaultValue("30s") Duration repositoryWait, @DefaultValue("5m") Duration repositoryTimeout) {

	/**
	 * Where {@link #repositoryTimeout} is set, for the data source made before binding.
	 */
	public static final String REPOSITORY_TIMEOUT = "audience-sync.recovery.repository-timeout";

	public RecoveryProperties {
		if (heartbeat.isNegative() || heartbeat.isZero()) {
			throw new IllegalArgumentException("audience-sync.recovery.heartbeat must be positive, was " + heartbeat);
		}
		if (staleAfter.compareTo(heartbeat.multipliedBy(3)) < 0) {
			throw new IllegalArgumentException(
					"audience-sync.recovery.stale-after (" + staleAfter + ") must be at least three heartbeats ("
							+ heartbeat.multipliedBy(3) + "), or a live run could look dead");
		}
	}

}
