package com.audiencesync.source.jdbc;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The warehouses {@code jdbc} sources read ({@code audience-sync.warehouses.<name>.*}),
 * apart from the job repository's {@code spring.datasource}. A spec names one with
 * {@code source.datasource} (default {@code warehouse}).
 *
 * @param warehouses the warehouses by name
 */
@Validated
@ConfigurationProperties("audience-sync")
public record WarehouseProperties(@DefaultValue Map<String, @Valid Warehouse> warehouses) {

	/**
	 * One warehouse. Connections are read-only; give it a read-only user.
	 *
	 * @param url the JDBC URL, e.g. {@code jdbc:mysql://dw:3306/analytics}
	 * @param username the user (none for an embedded database)
	 * @param password the password; never logged
	 * @param driverClassName the driver, when the URL does not select one
	 * @param maximumPoolSize connections at most (at least the job's concurrency)
	 * @param connectionTimeout how long a partition waits for a connection
	 */
	public record Warehouse(@NotBlank String url, String username, String password, String driverClassName,
			@DefaultValue("8") @Min(1) @Max(64) int maximumPoolSize, @DefaultValue("10s") Duration connectionTimeout) {

		@Override
		public String toString() {
			// the password stays out of every log and message
			return "Warehouse[url=" + this.url + ", username=" + this.username + "]";
		}

	}

}
