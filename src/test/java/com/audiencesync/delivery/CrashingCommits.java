package com.audiencesync.delivery;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import com.audiencesync.batch.launch.RunOutcome;
import com.audiencesync.destination.DeliveryException;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import static org.assertj.core.api.Assertions.assertThat;

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

	/**
	 * A night crashed at its {@code chunk}th chunk (none for 0), then, if it did crash,
	 * run again; it must complete.
	 * @return whether it crashed (the crash point may lie past its last chunk)
	 */
	public static boolean crashedOnce(int chunk, Supplier<RunOutcome> night, String what) {
		arm(chunk);
		RunOutcome outcome;
		try {
			outcome = night.get();
		}
		finally {
			disarm();
		}
		boolean crashed = outcome.kind() != RunOutcome.Kind.COMPLETED;
		if (crashed) {
			assertThat(outcome.report().exitMessage()).as(what).contains("crashed");
			outcome = night.get();
		}
		assertThat(outcome.kind()).as("%s: %s", what, outcome.report().exitMessage())
			.isEqualTo(RunOutcome.Kind.COMPLETED);
		return crashed;
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
