package com.audiencesync.delivery;

import java.util.concurrent.atomic.AtomicInteger;

import com.audiencesync.destination.DeliveryException;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * A test's commit hook that fails an armed chunk after the vendor answered it, before it
 * commits: a crash at the worst moment, in process. {@code @Import} it, then
 * {@link #arm(int)} before a run and {@link #disarm()} after.
 */
@TestConfiguration
public class CrashingCommits {

	/** Chunks to let commit before the one that fails, plus one; 0 when disarmed. */
	private static final AtomicInteger crashAt = new AtomicInteger();

	/** Fails the {@code chunk}th chunk delivered from now (from 1). */
	public static void arm(int chunk) {
		crashAt.set(chunk);
	}

	public static void disarm() {
		crashAt.set(0);
	}

	@Bean
	@Primary
	CommitHook crashingCommitHook() {
		return (partition) -> {
			if (crashAt.get() > 0 && crashAt.decrementAndGet() == 0) {
				throw new DeliveryException(DeliveryException.Kind.UNAVAILABLE,
						partition + ": crashed after the vendor answered (test)");
			}
		};
	}

}
