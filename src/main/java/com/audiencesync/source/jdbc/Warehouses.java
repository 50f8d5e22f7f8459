package com.audiencesync.source.jdbc;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import com.audiencesync.source.SourceUnavailableException;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The configured warehouses' connection pools, made on first use and closed on shutdown.
 * They are deliberately not {@code DataSource} beans: one would switch off Spring Boot's
 * own data source, the job repository's.
 */
@Component
public class Warehouses implements DisposableBean {

	private final WarehouseProperties properties;

	private final Map<String, HikariDataSource> pools = new ConcurrentHashMap<>();

	Warehouses(WarehouseProperties properties) {
		this.properties = properties;
	}

	/**
	 * What keeps the named warehouse from being used, naming the property to set: nothing
	 * when it is configured (whether it answers is the run's to find out).
	 */
	public List<String> problems(String name) {
		if (this.properties.warehouses().containsKey(name)) {
			return List.of();
		}
		return List.of("audience-sync.warehouses." + name + ".url is not set: source.datasource names warehouse '"
				+ name + "' (set its .url, .username and .password); configured: "
				+ new TreeSet<>(this.properties.warehouses().keySet()));
	}

	/**
	 * The named warehouse's pool.
	 * @throws SourceUnavailableException naming the property to set when it is not
	 * configured
	 */
	public DataSource dataSource(String name) {
		WarehouseProperties.Warehouse warehouse = this.properties.warehouses().get(name);
		if (warehouse == null) {
			throw new SourceUnavailableException(
					"source.datasource '" + name + "' is not configured: set audience-sync.warehouses." + name
							+ ".url (and .username, .password); configured: "
							+ new TreeSet<>(this.properties.warehouses().keySet()));
		}
		return this.pools.computeIfAbsent(name, (key) -> {
			try {
				return pool(key, warehouse);
			}
			catch (RuntimeException ex) {
				// no driver takes the URL (or the named class is missing): the
				// warehouse's
				// to fix, never the job repository's; the URL may hold a password, so
				// only its scheme is shown
				throw new SourceUnavailableException("source.datasource '" + key
						+ "': no JDBC driver on the classpath takes audience-sync.warehouses." + key + ".url ("
						+ scheme(warehouse.url()) + "...): "
						+ deepest(ex).replace(warehouse.url(), scheme(warehouse.url()) + "...")
						+ ". Bundled: H2, MySQL/MariaDB and PostgreSQL (Redshift too); for another warehouse put its "
						+ "driver's jar on the classpath and set audience-sync.warehouses." + key
						+ ".driver-class-name (docs/sources.md)", ex);
			}
		});
	}

	private static String deepest(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return String.valueOf(root.getMessage());
	}

	/** A JDBC URL's scheme ({@code jdbc:snowflake:}), which names the driver it needs. */
	private static String scheme(String url) {
		if (url == null) {
			return "";
		}
		int second = url.indexOf(':', url.indexOf(':') + 1);
		return (second > 0) ? url.substring(0, second + 1) : "";
	}

	private static HikariDataSource pool(String name, WarehouseProperties.Warehouse warehouse) {
		HikariConfig config = new HikariConfig();
		config.setPoolName("warehouse-" + name);
		config.setJdbcUrl(warehouse.url());
		config.setUsername(warehouse.username());
		config.setPassword(warehouse.password());
		if (warehouse.driverClassName() != null && !warehouse.driverClassName().isBlank()) {
			config.setDriverClassName(warehouse.driverClassName());
		}
		config.setReadOnly(true);
		config.setMaximumPoolSize(warehouse.maximumPoolSize());
		config.setMinimumIdle(0);
		config.setConnectionTimeout(warehouse.connectionTimeout().toMillis());
		// connect on first use, inside a run: a warehouse that is down fails the run
		// (restartable), not the command before it starts
		config.setInitializationFailTimeout(-1);
		return new HikariDataSource(config);
	}

	@Override
	public void destroy() {
		this.pools.values().forEach(HikariDataSource::close);
		this.pools.clear();
	}

}
