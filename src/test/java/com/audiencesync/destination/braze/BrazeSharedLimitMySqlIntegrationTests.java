package com.audiencesync.destination.braze;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.audiencesync.MySqlRepository;
import com.audiencesync.destination.RateLimitProperties;
import com.audiencesync.destination.braze.emulator.BrazeEmulator;
import com.audiencesync.sandbox.SandboxServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.core.io.FileSystemResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two JVM processes on one API key share one budget through the job repository's MySQL
 * database, the merges' (users/merge, users/delete and the identity steps) and
 * users/track's: the emulator, which enforces the limit, answers no 429 after the first
 * window. Runs with {@code ./mvnw test -Pmysql} (see {@link MySqlRepository} for the
 * database settings).
 */
@Tag("mysql")
class BrazeSharedLimitMySqlIntegrationTests {

	static final int LIMIT = 20;

	static final Duration WINDOW = Duration.ofSeconds(2);

	static final int PER_PROCESS = 40;

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "merge", "track" })
	void twoProcessesStayUnderOneSharedLimit(String budget) throws Exception {
		// given the job repository's database with its schema, and Braze limited to 20
		// requests per 2 s
		String url = MySqlRepository.url();
		String user = MySqlRepository.user();
		String password = MySqlRepository.password();
		DataSource dataSource = MySqlRepository.dataSource();
		new ResourceDatabasePopulator(new FileSystemResource(Path.of("sql/schema-mysql.sql"))).execute(dataSource);
		String key = "shared-key-" + System.nanoTime();
		try (SandboxServer sandbox = SandboxServer.start("127.0.0.1", 0, key)) {
			BrazeEmulator braze = sandbox.emulator("braze", BrazeEmulator.class);
			braze.rateLimit(LIMIT, WINDOW);
			braze.trackRateLimit(LIMIT, WINDOW);
			URI brazeUrl = sandbox.baseUrl("braze");

			// when a second JVM and this one send at the same time on the same key
			Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
					"-cp", System.getProperty("java.class.path"), BrazeLoad.class.getName(), brazeUrl.toString(), key,
					url, user, password, String.valueOf(PER_PROCESS), String.valueOf(LIMIT),
					String.valueOf(WINDOW.toMillis()), "other", budget)
				.inheritIO()
				.start();
			int mine = BrazeLoad.run(brazeUrl, key, dataSource, PER_PROCESS, new RateLimitProperties(LIMIT, WINDOW),
					"this", budget);
			assertThat(other.waitFor(90, TimeUnit.SECONDS)).isTrue();

			// then both delivered everything, and the vendor never throttled after the
			// first window
			assertThat(other.exitValue()).isZero();
			assertThat(mine).isEqualTo(PER_PROCESS);
			assertThat(braze.mergesAccepted()).isEqualTo(2L * PER_PROCESS);
			Map<Long, Integer> accepted = braze.acceptedPerWindow();
			Map<Long, Integer> throttled = braze.throttledPerWindow();
			System.out.printf(
					"braze %s shared limit %d per %ds, 2 processes: accepted per window %s, 429s per window %s%n",
					budget, LIMIT, WINDOW.toSeconds(), accepted.values(), throttled);
			List<Long> windows = new ArrayList<>(accepted.keySet());
			assertThat(throttled).allSatisfy((window, count) -> assertThat(window).isEqualTo(windows.get(0)));
			assertThat(accepted.values()).allSatisfy((count) -> assertThat(count).isLessThanOrEqualTo(LIMIT));
		}
	}

}
