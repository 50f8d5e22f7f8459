package com.audiencesync.source;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.function.Predicate;

import org.springframework.batch.core.repository.JobRepository;

/**
 * What a source kind creates a run's source from, beside its spec record.
 *
 * @param jobRepository keeps the source's plan as soon as it is made (null: nothing is
 * kept, as in previews)
 * @param from the run's first business day
 * @param to the run's last business day (a nightly run's {@code runDate})
 * @param specFolder the folder of the spec file, against which relative paths resolve
 * @param zone the business zone the days are in
 * @param chunkSize rows per chunk (a page of a warehouse read)
 * @param beans the application's beans a kind may need (an S3 client, the warehouses)
 * @param reads whether the spec's mapping reads a top-level column (a Parquet extract's
 * other columns are not read)
 */
public record SourceContext(JobRepository jobRepository, LocalDate from, LocalDate to, Path specFolder, ZoneId zone,
		int chunkSize, Beans beans, Predicate<String> reads) {

	/** Looks up a bean of the application. */
	@FunctionalInterface
	public interface Beans {

		/** The bean of that type; fails naming it when there is none. */
		<T> T get(Class<T> type);

	}

	/**
	 * A path or URI with {@code ${runDate}} (the last day), {@code ${from}} and
	 * {@code ${to}} replaced.
	 */
	public String resolve(String text) {
		return text.replace("${runDate}", this.to.toString())
			.replace("${from}", this.from.toString())
			.replace("${to}", this.to.toString());
	}

}
