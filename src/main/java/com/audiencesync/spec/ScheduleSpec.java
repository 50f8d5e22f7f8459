package com.audiencesync.spec;

import java.time.DateTimeException;
import java.time.ZoneId;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * When a Kubernetes CronJob runs the spec ({@code manifests} renders one per spec that
 * has a schedule).
 *
 * @param cron five-field cron, e.g. {@code 0 3 * * *}
 * @param timeZone the zone the cron is read in (default: the spec's {@code zone})
 * @param memory the pod's memory request and limit (default {@code 512Mi}); the JVM takes
 * 75% of it as heap
 * @param cpu the pod's CPU request (default {@code 500m})
 */
public record ScheduleSpec(String cron, String timeZone, String memory, String cpu) {

	/** The pod's memory when the spec does not say. */
	public static final String DEFAULT_MEMORY = "512Mi";

	/** The pod's CPU request when the spec does not say. */
	public static final String DEFAULT_CPU = "500m";

	/** {@code schedule: "0 3 * * *"}: the cron alone. */
	@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
	static ScheduleSpec of(String cron) {
		return new ScheduleSpec(cron, null, null, null);
	}

	/** {@code schedule: {cron: ..., time-zone: ...}}. */
	@JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
	static ScheduleSpec of(@JsonProperty("cron") String cron, @JsonProperty("time-zone") String timeZone,
			@JsonProperty("memory") String memory, @JsonProperty("cpu") String cpu) {
		return new ScheduleSpec(cron, timeZone, memory, cpu);
	}

	public String memoryOrDefault() {
		return (this.memory != null) ? this.memory : DEFAULT_MEMORY;
	}

	public String cpuOrDefault() {
		return (this.cpu != null) ? this.cpu : DEFAULT_CPU;
	}

	void check(SpecProblems problems) {
		if (this.cron == null || this.cron.isBlank()) {
			problems.add("schedule.cron", "is required: five fields, e.g. '0 3 * * *' (03:00 every day)");
		}
		else if (this.cron.trim().split("\\s+").length != 5 && !this.cron.trim().startsWith("@")) {
			problems.add("schedule.cron",
					"'" + this.cron + "' is not a five-field cron (minute hour day-of-month month day-of-week)");
		}
		if (this.timeZone != null) {
			try {
				ZoneId.of(this.timeZone);
			}
			catch (DateTimeException ex) {
				problems.add("schedule.time-zone", "'" + this.timeZone + "' is not a time zone, e.g. Asia/Seoul");
			}
		}
		if (this.memory != null && !this.memory.matches("\\d+(Mi|Gi)")) {
			problems.add("schedule.memory", "'" + this.memory + "' is not a memory size like 512Mi or 2Gi");
		}
		if (this.cpu != null && !this.cpu.matches("\\d+m|\\d+(\\.\\d+)?")) {
			problems.add("schedule.cpu", "'" + this.cpu + "' is not a CPU amount like 500m or 2");
		}
	}

}
