package com.audiencesync;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.audiencesync.destination.emulator.Emulator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run in its own JVM on the MySQL test repository, as a pod runs it, to be killed:
 * recovery checks its heartbeat every 300 ms and takes a run whose process is silent for
 * 2 s as dead.
 */
public final class KilledRuns {

	private KilledRuns() {
	}

	/**
	 * Starts {@code run <spec> --param runDate=<date>} at {@code -Xmx256m}, with the
	 * repository's settings, the vendor's (the sandbox's properties) and these.
	 */
	public static Process run(Path spec, String date, List<String> settings, Map<String, String> vendor, Path log)
			throws Exception {
		List<String> args = new ArrayList<>(List.of("run", spec.toString(), "--param", "runDate=" + date));
		args.addAll(settings);
		args.addAll(MySqlRepository.arguments());
		vendor.forEach((name, value) -> args.add("--" + name + "=" + value));
		args.addAll(List.of("--audience-sync.recovery.heartbeat=300ms", "--audience-sync.recovery.stale-after=2s",
				"--logging.level.root=warn", "--logging.level.com.audiencesync=info"));
		return ChildJvm.start(List.of("-Xmx256m"), args, log);
	}

	/** Waits until the emulator has had that many requests, the run still alive. */
	public static void awaitRequests(Emulator emulator, int count, Process process) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
		while (emulator.requestCount() < count) {
			assertThat(process.isAlive()).as("the run ended before it was killed").isTrue();
			assertThat(System.nanoTime()).as("requests before the deadline").isLessThan(deadline);
			Thread.sleep(20);
		}
	}

}
