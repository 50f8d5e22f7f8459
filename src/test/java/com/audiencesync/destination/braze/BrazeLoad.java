package com.audiencesync.destination.braze;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import com.audiencesync.destination.Connection;
import com.audiencesync.destination.DeliveryOutcome;
import com.audiencesync.destination.DeliveryRetry;
import com.audiencesync.destination.RateLimitProperties;
import com.audiencesync.destination.RateLimiters;
import com.audiencesync.destination.RetryProperties;
import com.audiencesync.destination.braze.BrazeRows.Identifier;
import com.audiencesync.destination.braze.BrazeRows.MergeUpdate;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Sends single-merge requests through the rate-limited Braze endpoint with a
 * database-shared budget: one of the processes of
 * {@link BrazeSharedLimitMySqlIntegrationTests}, runnable on its own.
 */
public final class BrazeLoad {

	private BrazeLoad() {
	}

	/** {@code brazeUrl apiKey jdbcUrl user password requests limit windowMillis tag}. */
	public static void main(String[] args) {
		int sent = run(URI.create(args[0]), args[1], new DriverManagerDataSource(args[2], args[3], args[4]),
				Integer.parseInt(args[5]),
				new RateLimitProperties(Integer.parseInt(args[6]), Duration.ofMillis(Long.parseLong(args[7]))),
				args[8]);
		System.out.println(args[8] + ": " + sent + " merges delivered");
	}

	/**
	 * Sends that many merges, each in its own request; returns how many were delivered.
	 */
	static int run(URI brazeUrl, String apiKey, DataSource dataSource, int requests, RateLimitProperties limit,
			String tag) {
		RateLimiters limiters = new RateLimiters(dataSource, "database", new SimpleMeterRegistry());
		BrazeUsersMerge endpoint = new BrazeUsersMerge(
				new Connection("braze", brazeUrl, apiKey, Duration.ofSeconds(2), Duration.ofSeconds(10)),
				limiters.forKey("braze", apiKey, limit));
		DeliveryRetry retry = new DeliveryRetry(
				new RetryProperties(5, Duration.ofMillis(100), 2.0, Duration.ofSeconds(1), Duration.ofMinutes(5)),
				DeliveryRetry.Sleeper.THREAD);
		int delivered = 0;
		for (int i = 0; i < requests; i++) {
			MergeUpdate update = new MergeUpdate(new Identifier(tag + "-old-" + i, null, null, null, null),
					new Identifier(tag + "-new-" + i, null, null, null, null));
			if (retry.send(() -> endpoint.send(List.of(update))) instanceof DeliveryOutcome.Delivered) {
				delivered++;
			}
		}
		return delivered;
	}

}
