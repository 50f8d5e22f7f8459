package com.audiencesync.destination;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import com.audiencesync.names.Names;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.mysql.Bucket4jMySQL;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The request budgets: one per vendor and API key, whatever job or partition asks, since
 * vendors count requests per key. On a MySQL (or MariaDB) job repository the budget lives
 * in its {@code AS_RATE_LIMIT_BUCKET} table (Bucket4j's MySQL backend), so every process
 * and pod on that database shares it; otherwise it is this process's own.
 */
@Component
public class RateLimiters {

	private static final Logger log = LoggerFactory.getLogger(RateLimiters.class);

	private final Map<String, RateLimiter> limiters = new ConcurrentHashMap<>();

	private final ProxyManager<String> shared;

	/** How long requests waited for their turn: tag {@code vendor}. */
	public static final String WAITS = "audience.sync.rate.limit.wait";

	private final MeterRegistry registry;

	public RateLimiters(DataSource dataSource, @Value("${audience-sync.rate-limits.shared:auto}") String mode,
			MeterRegistry registry) {
		this.registry = registry;
		this.shared = shared(dataSource, mode) ? Bucket4jMySQL.selectForUpdateBasedBuilder(dataSource)
			.primaryKeyMapper(PrimaryKeyMapper.STRING)
			.table("AS_RATE_LIMIT_BUCKET")
			.idColumn("ID")
			.stateColumn("STATE")
			.expiresAtColumn("EXPIRES_AT")
			.build() : null;
	}

	/**
	 * {@code auto}: shared when the database is MySQL or MariaDB; {@code local};
	 * {@code database}.
	 */
	private static boolean shared(DataSource dataSource, String mode) {
		if ("local".equals(mode)) {
			return false;
		}
		try (Connection connection = dataSource.getConnection()) {
			String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
			boolean mysql = product.contains("mysql") || product.contains("mariadb");
			if ("database".equals(mode) && !mysql) {
				throw new IllegalStateException("audience-sync.rate-limits.shared=database needs a MySQL or MariaDB "
						+ "job repository, not " + product);
			}
			return mysql;
		}
		catch (SQLException ex) {
			log.warn("cannot tell the job repository's database ({}); rate limits stay in this process",
					ex.getMessage());
			return false;
		}
	}

	/** The limiter of that vendor's key; created with that limit on first use. */
	public RateLimiter forKey(String vendor, String apiKey, RateLimitProperties limit) {
		if (limit.requests() <= 0) {
			return RateLimiter.NONE;
		}
		// the key itself is never kept, only a hash to tell keys apart
		String id = Names.rateLimitBucket(vendor, apiKey, limit.requests(), limit.window());
		Timer waits = Timer.builder(WAITS).tag("vendor", vendor).register(this.registry);
		return this.limiters.computeIfAbsent(id,
				(ignored) -> (this.shared != null)
						? new RateLimiter(this.shared.builder().build(id, () -> configuration(limit)), limit, waits)
						: RateLimiter.local(limit, waits));
	}

	/** Whether budgets are shared through the database. */
	public boolean isShared() {
		return this.shared != null;
	}

	static BucketConfiguration configuration(RateLimitProperties limit) {
		return BucketConfiguration.builder().addLimit(RateLimiter.bandwidth(limit)).build();
	}

}
