package com.audiencesync.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After the heap ran out, the error line says so first, whatever failed next.
 */
class OutOfMemoryTests {

	private final Thread.UncaughtExceptionHandler handler = Thread.getDefaultUncaughtExceptionHandler();

	@AfterEach
	void forget() {
		OutOfMemory.reset();
		Thread.setDefaultUncaughtExceptionHandler(this.handler);
	}

	@Test
	void anErrorCausedByRunningOutOfHeapSaysSoFirst() {
		String line = Errors
			.describe(new IllegalStateException("step failed", new OutOfMemoryError("Java heap space")));

		assertThat(line).startsWith("the JVM ran out of memory (its heap is at most ").contains("raise it with -Xmx");
	}

	@Test
	void anErrorAfterAThreadDiedOfItSaysSoBeforeWhatFailedNext() throws Exception {
		// given a thread of the JVM (a sandbox emulator's) that died of it
		OutOfMemory.watch();
		Thread dying = new Thread(() -> {
			throw new OutOfMemoryError("Java heap space");
		}, "sandbox-http-1");
		dying.start();
		dying.join();

		// when the run then fails on its closed repository
		String line = Errors.describe(new RuntimeException("The database has been closed [90098-240]"));

		// then the heap comes first, and the repository's message after it
		assertThat(line).startsWith("the JVM ran out of memory")
			.endsWith("and then: The database has been closed [90098-240]");
	}

	@Test
	void anyOtherErrorIsAsItWas() {
		assertThat(Errors.describe(new RuntimeException("The database has been closed [90098-240]")))
			.isEqualTo("The database has been closed [90098-240]");
	}

}
