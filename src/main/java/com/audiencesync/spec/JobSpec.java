package com.audiencesync.spec;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * One sync, as a data team writes it in {@code jobs/<name>.yml}.
 *
 * @param name job name; with the business date it identifies a run, so renaming it starts
 * a new history
 * @param description free text shown by {@code status}
 * @param source where rows come from
 * @param mapping how a source row becomes a destination row
 * @param destination vendor endpoint and its options
 * @param destinations instead of {@code destination} and {@code mapping}: several
 * endpoints of one vendor driven by each source row, each with its own mapping
 * @param chunk rows per transaction (and per restart point); defaults to the destination
 * batch size
 * @param concurrency partitions (files, key ranges) processed at once; default 1
 * @param skip how many bad rows a run tolerates before it fails
 * @param mirror what a {@code mode: mirror} destination may delete in one run
 * @param retry how rows a vendor refused are tried again on later runs
 * @param zone the zone of source times without an offset (default Asia/Seoul)
 * @param schedule when a Kubernetes CronJob runs it, or null (run by hand or elsewhere)
 * @param file the YAML file the spec was read from (not a YAML key)
 */
public record JobSpec(String name, String description, SourceSpec source, MappingSpec mapping,
		DestinationSpec destination, List<DestinationSpec> destinations, Integer chunk, Integer concurrency,
		SkipSpec skip, MirrorSpec mirror, RetrySpec retry, String zone, ScheduleSpec schedule, @JsonIgnore Path file) {

	/**
	 * Every destination of the spec with its mapping: the {@code destinations} list, or
	 * the single {@code destination} with the top-level {@code mapping}.
	 */
	public List<DestinationSpec> targets() {
		if (this.destinations != null) {
			return this.destinations;
		}
		return (this.destination != null) ? List.of(this.destination.withMapping(this.mapping)) : List.of();
	}

	/** The first destination (the only one, unless the spec lists several). */
	public DestinationSpec primary() {
		return targets().get(0);
	}

	/** The vendor every destination of the spec belongs to. */
	public String vendor() {
		return primary().vendor();
	}

	/** Rows per chunk: the spec's value or the destination's batch size. */
	public int chunkSize() {
		return (this.chunk != null) ? this.chunk : primary().batchSizeOr(1000);
	}

	/** Partitions processed at once. */
	public int concurrencyOrDefault() {
		return (this.concurrency != null) ? this.concurrency : 1;
	}

	/**
	 * Partitions a source is split into where it decides (key ranges of a {@code jdbc}
	 * source): {@code source.grid-size}, else {@code concurrency}. Files and objects are
	 * one partition each.
	 */
	public int gridSizeOrDefault() {
		return (this.source != null && this.source.gridSize() != null) ? this.source.gridSize()
				: concurrencyOrDefault();
	}

	/** The zone of source times without an offset. */
	public ZoneId zoneOrDefault() {
		return ZoneId.of((this.zone != null) ? this.zone : "Asia/Seoul");
	}

	/** Mirror limits, never null. */
	public MirrorSpec mirrorOrDefault() {
		return (this.mirror != null) ? this.mirror : new MirrorSpec(null);
	}

	/** How refused rows are retried, never null. */
	public RetrySpec retryOrDefault() {
		return (this.retry != null) ? this.retry : new RetrySpec(null);
	}

	/** Skip limits, never null. */
	public SkipSpec skipOrDefault() {
		return (this.skip != null) ? this.skip : SkipSpec.DEFAULT;
	}

	JobSpec withFile(Path file) {
		return new JobSpec(this.name, this.description, this.source, this.mapping, this.destination, this.destinations,
				this.chunk, this.concurrency, this.skip, this.mirror, this.retry, this.zone, this.schedule, file);
	}

}
