package com.audiencesync.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.audiencesync.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A broker that cannot be reached ({@code spring.rabbitmq.port} where nothing listens): a
 * manager refuses to start the run (exit 2) naming the setting; a worker ends within its
 * attempts, non-zero, rather than retrying for ever.
 */
class UnreachableBrokerIntegrationTests {

	@TempDir
	Path dir;

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	@Test
	void aManagerNamesTheBrokerSettingAndExitsTwo() throws Exception {
		int port = closedPort();
		Path log = this.dir.resolve("manager.log");
		Process manager = ChildJvm.start(List.of(),
				List.of("run", "groobee-demo", "--remote", "--param", "runDate=2026-11-19",
						"--audience-sync.destinations.groobee.api-key=key",
						"--spring.datasource.url=jdbc:h2:mem:broker", "--spring.rabbitmq.host=127.0.0.1",
						"--spring.rabbitmq.port=" + port),
				log);
		assertThat(manager.waitFor(2, TimeUnit.MINUTES)).isTrue();
		String output = Files.readString(log);
		assertThat(manager.exitValue()).as(output).isEqualTo(2);
		assertThat(output).contains("error: the RabbitMQ broker (spring.rabbitmq.host/port: 127.0.0.1:" + port
				+ ") cannot be reached: Connection refused");
		assertThat(output.lines().filter((line) -> line.startsWith("error:"))).hasSize(1);
	}

	@Test
	void aWorkerAtAWrongBrokerPortExitsNonZeroWithinItsAttempts() throws Exception {
		int port = closedPort();
		Path log = this.dir.resolve("worker.log");
		long started = System.nanoTime();
		Process worker = ChildJvm.start(List.of(),
				List.of("worker", "--spring.datasource.url=jdbc:h2:mem:broker", "--spring.rabbitmq.host=127.0.0.1",
						"--spring.rabbitmq.port=" + port, "--audience-sync.remote.broker-attempts=2"),
				log);
		assertThat(worker.waitFor(120, TimeUnit.SECONDS)).as("the worker ends").isTrue();
		Duration took = Duration.ofNanos(System.nanoTime() - started);
		String output = Files.readString(log);
		System.out.printf("worker at a closed broker port: exit %d after %d ms (2 attempts, 5 s apart)%n",
				worker.exitValue(), took.toMillis());
		assertThat(worker.exitValue()).as(output).isEqualTo(1);
		assertThat(output).contains("error: the RabbitMQ broker (spring.rabbitmq.host/port: 127.0.0.1:" + port
				+ ") cannot be reached: Connection refused (2 attempts, 5s apart)");
		// a JVM's start (slow on a loaded machine), then two looks 5 s apart
		assertThat(took).isLessThan(Duration.ofSeconds(90));
	}

}
