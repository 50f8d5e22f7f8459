package com.audiencesync.cli;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether this JVM ran out of heap. Whatever fails after that (a repository that closed
 * itself, a vendor that stopped answering) is a consequence, and the error line says the
 * cause first: a user sees "out of memory", not H2's "The database has been closed".
 */
final class OutOfMemory {

	private static final AtomicBoolean HAPPENED = new AtomicBoolean();

	private OutOfMemory() {
	}

	/**
	 * Notes a thread that dies of an OutOfMemoryError (the sandbox's emulators, a pool's
	 * worker), then reports it as the JVM would have.
	 */
	static void watch() {
		Thread.UncaughtExceptionHandler earlier = Thread.getDefaultUncaughtExceptionHandler();
		Thread.setDefaultUncaughtExceptionHandler((thread, ex) -> {
			if (ex instanceof OutOfMemoryError) {
				HAPPENED.set(true);
			}
			if (earlier != null) {
				earlier.uncaughtException(thread, ex);
			}
			else {
				System.err.print("Exception in thread \"" + thread.getName() + "\" ");
				ex.printStackTrace(System.err);
			}
		});
	}

	/** Whether the heap ran out in this JVM, or on the way to this exception. */
	static boolean happened(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof OutOfMemoryError) {
				return true;
			}
		}
		return HAPPENED.get();
	}

	/** What the error line says first. */
	static String said() {
		return "the JVM ran out of memory (its heap is at most " + (Runtime.getRuntime().maxMemory() >> 20)
				+ " MB: raise it with -Xmx; a --sandbox run keeps every record its emulators are sent in memory, "
				+ "so try it on fewer rows), and then: ";
	}

	/** Forgets (tests). */
	static void reset() {
		HAPPENED.set(false);
	}

}
