package com.audiencesync.cli;

import java.util.List;
import java.util.Optional;

import com.audiencesync.batch.launch.RepositoryConnection;
import com.audiencesync.batch.launch.SourceUnavailableCause;
import com.audiencesync.logging.LogMasking;
import com.audiencesync.spec.SpecException;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.context.properties.bind.BindException;

/**
 * What a user reads of an error, and the exit code it gives: one line naming what is
 * wrong, from the cause that says it (not "Error creating bean ..." or "Unable to process
 * chunk"), personal data and secrets masked. The stack trace is for {@code --debug}.
 */
final class Errors {

	/** Messages of wrappers: the cause says more. */
	private static final List<String> WRAPPERS = List.of("Error creating bean", "Failed to instantiate",
			"Unable to process chunk", "Could not bind properties", "Failed to bind properties",
			"Unsatisfied dependency", "Failed to initialize dependency", "Application run failed",
			"Failed to obtain JDBC Connection", "Failed to determine DatabaseDriver",
			"Could not get Connection for extracting meta-data");

	private Errors() {
	}

	/**
	 * The lines to print, without {@code error: }: every problem of a spec and of the
	 * configuration its run needs, else the one line that says what is wrong.
	 */
	static List<String> lines(Throwable ex) {
		SpecException spec = find(ex, SpecException.class);
		if (spec != null) {
			return spec.lines().stream().map(LogMasking::mask).toList();
		}
		return List.of(describe(ex));
	}

	/**
	 * The line to print, without {@code error: }: after the heap ran out, that first.
	 */
	static String describe(Throwable ex) {
		String described = described(ex);
		return OutOfMemory.happened(ex) ? OutOfMemory.said() + described : described;
	}

	private static String described(Throwable ex) {
		Optional<String> source = SourceUnavailableCause.message(ex);
		if (source.isPresent()) {
			return LogMasking.mask(source.get());
		}
		BindException bind = find(ex, BindException.class);
		if (bind != null) {
			return "configuration: " + bind.getName() + ": " + reason(deepest(bind));
		}
		if (RepositoryConnection.lost(ex)) {
			return "the job repository (spring.datasource.url) cannot be reached: " + reason(deepest(ex));
		}
		Throwable said = ex;
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause.getMessage() != null && !cause.getMessage().isBlank() && !isWrapper(cause.getMessage())) {
				said = cause;
				if (!isWrapper(cause.getMessage()) && cause.getCause() == null) {
					break;
				}
			}
		}
		return reason(said);
	}

	/** The exit code: 2 for a mistake in usage, spec or configuration (nothing ran). */
	static int exitCode(Throwable ex) {
		if (find(ex, SpecException.class) != null || find(ex, BindException.class) != null
				|| SourceUnavailableCause.message(ex).isPresent() || ex instanceof IllegalStateException
				|| ex instanceof IllegalArgumentException
				|| (ex instanceof BeanCreationException && !RepositoryConnection.lost(ex))) {
			return ExitCodes.USAGE;
		}
		return ExitCodes.FAILED;
	}

	private static boolean isWrapper(String message) {
		return WRAPPERS.stream().anyMatch(message::startsWith);
	}

	private static Throwable deepest(Throwable ex) {
		Throwable deepest = ex;
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
				deepest = cause;
			}
		}
		return deepest;
	}

	private static String reason(Throwable ex) {
		String message = (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
		return LogMasking.mask(message.lines().findFirst().orElse(message).strip());
	}

	private static <T extends Throwable> T find(Throwable ex, Class<T> type) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		return null;
	}

}
