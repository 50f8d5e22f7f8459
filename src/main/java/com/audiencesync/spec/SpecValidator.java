package com.audiencesync.spec;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks what a bound spec means: its name and limits, its source (which checks itself),
 * the shape of its destinations; then every registered {@link SpecCheck} (the mapping
 * against the endpoints it names).
 */
final class SpecValidator {

	static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,59}");

	private static final List<SpecCheck> CHECKS = ServiceLoader
		.load(SpecCheck.class, SpecValidator.class.getClassLoader())
		.stream()
		.map(ServiceLoader.Provider::get)
		.toList();

	SpecProblems validate(JobSpec spec) {
		SpecProblems problems = new SpecProblems();
		if (spec.name() == null || spec.name().isBlank()) {
			problems.add("name", "is required");
		}
		else if (!NAME.matcher(spec.name()).matches()) {
			problems.add("name", "'" + spec.name()
					+ "' must be 1-60 lower-case letters, digits, '-' or '_', starting with a letter or digit");
		}
		if (spec.source() == null) {
			problems.add("source", "is required");
		}
		else {
			SourceTypes.checkOtherKeys(spec.source(), problems);
			if (spec.source().onEmpty() != null && !Set.of("fail", "complete").contains(spec.source().onEmpty())) {
				problems.add("source.on-empty", "'" + spec.source().onEmpty() + "' is not one of [complete, fail]");
			}
			spec.source().validate(problems);
		}
		validateDestinations(spec, problems);
		if (spec.chunk() != null && (spec.chunk() < 1 || spec.chunk() > 100_000)) {
			problems.add("chunk", "must be between 1 and 100000, was " + spec.chunk());
		}
		problems.zone("zone", spec.zone(), "Asia/Seoul, UTC");
		if (spec.concurrency() != null && (spec.concurrency() < 1 || spec.concurrency() > 64)) {
			problems.add("concurrency", "must be between 1 and 64, was " + spec.concurrency());
		}
		if (spec.skip() != null) {
			if (spec.skip().limit() != null && spec.skip().limit() < 0) {
				problems.add("skip.limit", "must be 0 or more, was " + spec.skip().limit());
			}
			if (spec.skip().ratio() != null && (spec.skip().ratio() < 0 || spec.skip().ratio() > 1)) {
				problems.add("skip.ratio", "must be between 0 and 1, was " + spec.skip().ratio());
			}
		}
		if (spec.mirror() != null && spec.mirror().maxDeleteRatio() != null
				&& (spec.mirror().maxDeleteRatio() < 0 || spec.mirror().maxDeleteRatio() > 1)) {
			problems.add("mirror.max-delete-ratio", "must be between 0 and 1, was " + spec.mirror().maxDeleteRatio());
		}
		spec.retryOrDefault().check(problems);
		if (spec.schedule() != null) {
			ZoneId zone;
			try {
				zone = spec.zoneOrDefault();
			}
			catch (DateTimeException ex) {
				zone = ZoneOffset.UTC; // the zone's own problem is told above
			}
			spec.schedule().check(problems, zone);
		}
		for (int i = 0; i < spec.targets().size(); i++) {
			DestinationSpec target = spec.targets().get(i);
			String path = (spec.destinations() != null) ? "destinations." + i : "destination";
			if (target == null) {
				continue;
			}
			problems.oneOf(path + ".mode", target.mode(), DestinationSpec.MODES, "a destination mode");
			if (target.mirrors() && spec.source() != null && !spec.source().readsInFull()) {
				problems.add(path + ".mode", "mirror needs a complete read, to tell a key the source no longer has "
						+ "from one it did not read: set source.mode: full");
			}
		}
		CHECKS.forEach((check) -> check.check(spec, problems));
		return problems;
	}

	/**
	 * One {@code destination} with the top-level {@code mapping}, or a
	 * {@code destinations} list whose entries carry their own, all of one vendor.
	 */
	private void validateDestinations(JobSpec spec, SpecProblems problems) {
		if (spec.destinations() == null) {
			if (spec.destination() == null) {
				problems.add("destination", "is required");
			}
			else {
				validateWhen("destination.when", spec.destination().when(), problems);
				if (spec.destination().mapping() != null) {
					problems.add("destination.mapping",
							"a single destination takes the top-level mapping; destination.mapping is for a destinations list");
				}
			}
			if (spec.mapping() == null) {
				problems.add("mapping", "is required");
			}
			return;
		}
		if (spec.destination() != null) {
			problems.add("destination",
					"give either destination (with mapping) or destinations (each with its mapping), not both");
		}
		if (spec.mapping() != null) {
			problems.add("mapping", "with destinations, each destination has its own mapping");
		}
		if (spec.destinations().isEmpty()) {
			problems.add("destinations", "lists no destination");
			return;
		}
		Set<String> endpoints = new HashSet<>();
		String vendor = (spec.destinations().get(0) != null) ? spec.destinations().get(0).vendor() : null;
		for (int i = 0; i < spec.destinations().size(); i++) {
			DestinationSpec destination = spec.destinations().get(i);
			String path = "destinations." + i;
			if (destination == null) {
				problems.add(path, "is required");
				continue;
			}
			validateWhen(path + ".when", destination.when(), problems);
			if (!Objects.equals(vendor, destination.vendor())) {
				problems.add(path + ".vendor", "every destination of a spec is of one vendor ("
						+ SpecProblems.describe(vendor) + "); write one spec per vendor");
			}
			if (!endpoints.add(String.valueOf(destination.endpoint()))) {
				problems.add(path + ".endpoint", SpecProblems.describe(destination.endpoint())
						+ " is listed twice; one destination per endpoint (use when: to choose rows)");
			}
			if (destination.mapping() == null) {
				problems.add(path + ".mapping", "is required");
			}
		}
	}

	private void validateWhen(String path, WhenSpec when, SpecProblems problems) {
		if (when == null) {
			return;
		}
		if (when.column() == null || when.column().isBlank()) {
			problems.add(path + ".column", "is required: the source column tested");
		}
		if (when.tests() != 1) {
			problems.add(path, "needs exactly one of present, equal-to or in");
		}
	}

}
