package com.audiencesync.spec;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import org.springframework.scheduling.support.CronExpression;

/**
 * When a Kubernetes CronJob runs the spec ({@code manifests} renders one per spec that
 * has a schedule).
 *
 * @param cron five-field cron, e.g. {@code 0 3 * * *}
 * @param timeZone the zone the cron is read in (default: the spec's {@code zone})
 * @param memory the pod's memory request and limit (default {@code 512Mi}); the JVM takes
 * 75% of it as heap
 * @param cpu the pod's CPU request (default {@code 500m})
 * @param deadline how long a night's Job may take, retries included, before Kubernetes
 * stops it ({@code activeDeadlineSeconds}), e.g. {@code 6h} or {@code 90m} (default: the
 * time between two runs of the cron, less the hour, at most, that a late start may take:
 * 23h for a daily cron). A stopped night resumes the next night.
 */
public record ScheduleSpec(String cron, String timeZone, String memory, String cpu, String deadline) {

	private static final Pattern DURATION = Pattern.compile("(\\d+)(s|m|h)");

	/** The pod's memory when the spec does not say. */
	public static final String DEFAULT_MEMORY = "512Mi";

	/** The pod's CPU request when the spec does not say. */
	public static final String DEFAULT_CPU = "500m";

	/** {@code schedule: "0 3 * * *"}: the cron alone. */
	@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
	static ScheduleSpec of(String cron) {
		return new ScheduleSpec(cron, null, null, null, null);
	}

	/** {@code schedule: {cron: ..., time-zone: ...}}. */
	@JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
	static ScheduleSpec of(@JsonProperty("cron") String cron, @JsonProperty("time-zone") String timeZone,
			@JsonProperty("memory") String memory, @JsonProperty("cpu") String cpu,
			@JsonProperty("deadline") String deadline) {
		return new ScheduleSpec(cron, timeZone, memory, cpu, deadline);
	}

	public String memoryOrDefault() {
		return (this.memory != null) ? this.memory : DEFAULT_MEMORY;
	}

	public String cpuOrDefault() {
		return (this.cpu != null) ? this.cpu : DEFAULT_CPU;
	}

	/**
	 * The shortest time between two runs of the cron (over a year of its runs, so that
	 * daylight saving and weekdays are counted).
	 * @param zone the zone the cron is read in
	 */
	public Duration interval(ZoneId zone) {
		CronExpression expression = CronExpression.parse(springCron(this.cron));
		ZonedDateTime from = ZonedDateTime.of(2026, 1, 1, 0, 0, 0, 0, zone);
		ZonedDateTime last = expression.next(from);
		Duration shortest = null;
		for (int i = 0; i < 1000 && last != null && last.isBefore(from.plusYears(1)); i++) {
			ZonedDateTime next = expression.next(last);
			if (next == null) {
				break;
			}
			Duration gap = Duration.between(last, next);
			shortest = (shortest == null || gap.compareTo(shortest) < 0) ? gap : shortest;
			last = next;
		}
		return (shortest != null) ? shortest : Duration.ofDays(365);
	}

	/**
	 * How late a run may start and still be that night's
	 * ({@code startingDeadlineSeconds}): an hour, or a quarter of the interval when runs
	 * are closer than four hours.
	 * @param zone the zone the cron is read in
	 */
	public Duration startingDeadline(ZoneId zone) {
		Duration quarter = interval(zone).dividedBy(4);
		return (quarter.compareTo(Duration.ofHours(1)) < 0) ? quarter : Duration.ofHours(1);
	}

	/**
	 * How long a night's Job may take: {@code deadline}, else what is left of the
	 * interval once a late start has taken its starting deadline, so a night never holds
	 * the next.
	 * @param zone the zone the cron is read in
	 */
	public Duration deadlineOrDefault(ZoneId zone) {
		Duration given = duration(this.deadline);
		return (given != null) ? given : interval(zone).minus(startingDeadline(zone));
	}

	private static Duration duration(String text) {
		if (text == null) {
			return null;
		}
		Matcher matcher = DURATION.matcher(text.trim());
		if (!matcher.matches()) {
			return null;
		}
		long amount = Long.parseLong(matcher.group(1));
		return switch (matcher.group(2)) {
			case "s" -> Duration.ofSeconds(amount);
			case "m" -> Duration.ofMinutes(amount);
			default -> Duration.ofHours(amount);
		};
	}

	/** Kubernetes' five fields (or a macro) as Spring's six, seconds first. */
	private static String springCron(String cron) {
		String trimmed = cron.trim();
		return trimmed.startsWith("@") ? trimmed : "0 " + trimmed;
	}

	void check(SpecProblems problems, ZoneId specZone) {
		if (this.cron == null || this.cron.isBlank()) {
			problems.add("schedule.cron", "is required: five fields, e.g. '0 3 * * *' (03:00 every day)");
		}
		else if (this.cron.trim().split("\\s+").length != 5 && !this.cron.trim().startsWith("@")) {
			problems.add("schedule.cron",
					"'" + this.cron + "' is not a five-field cron (minute hour day-of-month month day-of-week)");
		}
		else {
			try {
				CronExpression.parse(springCron(this.cron));
			}
			catch (IllegalArgumentException ex) {
				problems.add("schedule.cron", "'" + this.cron + "' is not a valid cron: " + ex.getMessage());
			}
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
		checkDeadline(problems, specZone);
	}

	private void checkDeadline(SpecProblems problems, ZoneId specZone) {
		if (this.deadline == null) {
			return;
		}
		Duration given = duration(this.deadline);
		if (given == null || given.isZero()) {
			problems.add("schedule.deadline", "'" + this.deadline + "' is not a duration like 6h, 90m or 600s");
			return;
		}
		Duration interval;
		ZoneId zone;
		try {
			zone = (this.timeZone != null) ? ZoneId.of(this.timeZone) : specZone;
			interval = interval(zone);
		}
		catch (RuntimeException ex) {
			return; // the cron or the zone is wrong: said above
		}
		if (given.compareTo(interval) > 0) {
			problems.add("schedule.deadline",
					"'" + this.deadline + "' is longer than the " + words(interval) + " between two runs of '"
							+ this.cron + "': a night could still be running when the next is due, and the next "
							+ "would be skipped");
		}
	}

	private static String words(Duration duration) {
		if (duration.toMinutesPart() == 0 && duration.toSecondsPart() == 0) {
			return duration.toHours() + "h";
		}
		return (duration.getSeconds() % 60 == 0) ? duration.toMinutes() + "m" : duration.getSeconds() + "s";
	}

}
