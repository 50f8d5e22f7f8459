package com.audiencesync.destination.braze;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import javax.sql.DataSource;

import com.audiencesync.destination.Connection;
import com.audiencesync.destination.DeliveryOutcome;
import com.audiencesync.destination.DeliveryRetry;
import com.audiencesync.destination.RateLimitProperties;
import com.audiencesync.destination.RateLimiters;
import com.audiencesync.destination.RetryProperties;
import com.audiencesync.destination.braze.BrazeRows.Identifier;
import com.audiencesync.destination.braze.BrazeRows.MergeUpdate;
import com.audiencesync.destination.braze.BrazeRows.TrackObject;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Sends requests of one merge or one attributes object through the rate-limited Braze
 * endpoint with a database-shared budget: one of the processes of
 * {@link BrazeSharedLimitMySqlIntegrationTests}, runnable on its own.
 */
public final class BrazeLoad {

	private BrazeLoad() {
	}

	/**
	 * {@code brazeUrl apiKey jdbcUrl user password requests limit windowMillis tag budget}
	 * (budget {@code merge} or {@code track}).
	 */
	public static void main(String[] args) {
		int sent = run(URI.create(args[0]), args[1], new DriverManagerDataSource(args[2], args[3], args[4]),
				Integer.parseInt(args[5]),
				new RateLimitProperties(Integer.parseInt(args[6]), Duration.ofMillis(Long.parseLong(args[7]))), args[8],
				args[9]);
		System.out.println(args[8] + ": " + sent + " requests delivered");
	}

	/**
	 * Sends that many requests of one object, merges or users/track attributes under
	 * their budget as the vendor names it; returns how many were delivered.
	 */
	static int run(URI brazeUrl, String apiKey, DataSource dataSource, int requests, RateLimitProperties limit,
			String tag, String budget) {
		RateLimiters limiters = new RateLimiters(dataSource, "database", new SimpleMeterRegistry());
		Connection connection = new Connection("braze", brazeUrl, apiKey, Duration.ofSeconds(2),
				Duration.ofSeconds(10));
		if (budget.equals("track")) {
			// the bucket BoundVendor names for users/track
			BrazeUsersTrack track = new BrazeUsersTrack(BrazeEndpoints.ATTRIBUTES, connection,
					limiters.forKey("braze/users-track", apiKey, limit));
			return send(requests,
					(i) -> track.send(List.of(new TrackObject(Map.of("external_id", tag + "-" + i, "tier", "gold")))));
		}
		BrazeUsersMerge endpoint = new BrazeUsersMerge(connection, limiters.forKey("braze", apiKey, limit));
		return send(requests,
				(i) -> endpoint.send(List.of(new MergeUpdate(new Identifier(tag + "-old-" + i, null, null, null, null),
						new Identifier(tag + "-new-" + i, null, null, null, null)))));
	}

	private static int send(int requests, IntFunction<DeliveryOutcome> request) {
		DeliveryRetry retry = new DeliveryRetry(
				new RetryProperties(5, Duration.ofMillis(100), 2.0, Duration.ofSeconds(1), Duration.ofMinutes(5)),
				DeliveryRetry.Sleeper.THREAD);
		int delivered = 0;
		for (int i = 0; i < requests; i++) {
			int each = i;
			if (retry.send(() -> request.apply(each)) instanceof DeliveryOutcome.Delivered) {
				delivered++;
			}
		}
		return delivered;
	}

}
