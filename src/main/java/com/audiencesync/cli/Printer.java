package com.audiencesync.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import com.audiencesync.batch.launch.Preview;
import com.audiencesync.batch.launch.RunOutcome;
import com.audiencesync.batch.reports.RunReport;
import com.audiencesync.spec.JobSpec;
import com.audiencesync.state.RejectedRows.ReasonCount;
import com.audiencesync.state.SyncConflicts.Conflict;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Human-readable output of runs and previews. Reports hold no personal data, so they
 * print as they are.
 */
final class Printer {

	private Printer() {
	}

	static void outcome(PrintWriter out, RunOutcome outcome) {
		RunReport report = outcome.report();
		if (report == null) {
			out.println(outcome.message());
			out.flush();
			return;
		}
		out.printf("%s (%s %s), execution %d: %s%n", report.jobName(),
				"nightly".equals(report.run()) ? "runDate"
						: "replay".equals(report.run()) ? "replay of"
								: "import".equals(report.run()) ? "import of" : "backfill",
				report.runDate(), report.executionId(), outcome.message());
		report(out, report);
	}

	static void report(PrintWriter out, RunReport report) {
		out.printf("  status      %s in %s, %d partition(s)%n", report.status(), duration(report.duration()),
				report.partitions());
		// a failed chunk's rows are not counted: the next run reads them again
		out.printf("  read        %s%s%n", count(report.read(), "row"),
				"COMPLETED".equals(report.status()) ? "" : " in committed chunks");
		if (report.destinations().isEmpty()) {
			out.printf("  delivered   %s in %d request(s)%n", count(report.delivered(), "row"), report.requests());
		}
		else {
			out.printf("  delivered   %s to %d destinations in %d request(s)%n", count(report.delivered(), "record"),
					report.destinations().size(), report.requests());
		}
		if (report.unchanged() - report.superseded() > 0) {
			out.printf("  unchanged   %s (the vendor already holds them: not sent)%n", count(
					report.unchanged() - report.superseded(), report.destinations().isEmpty() ? "row" : "record"));
		}
		if (report.points().counted()) {
			out.printf("  data points %d sent, %d unchanged (not sent: the vendor bills each one it is sent)%n",
					report.points().sent(), report.points().unchanged());
		}
		if (report.superseded() > 0) {
			out.printf("  superseded  %s (a later row of the same key, by file then line, was kept: not sent)%n",
					count(report.superseded(), report.destinations().isEmpty() ? "row" : "record"));
		}
		if (report.deferred() > 0) {
			out.printf("  deferred    %s planned but not where the plan read them (deleted, moved or re-keyed in the "
					+ "table since): not sent, their keys keep what the vendor holds, the next night sends them%n",
					count(report.deferred(), report.destinations().isEmpty() ? "row" : "record"));
		}
		out.printf("  rejected    %s%n", count(report.rejected(), report.destinations().isEmpty() ? "row" : "record"));
		if (report.skipped() > 0) {
			out.printf("  skipped     %d records (not for that destination: when, or nothing to change)%n",
					report.skipped());
		}
		for (RunReport.DestinationCount destination : report.destinations()) {
			out.printf("    %-30s %6d delivered in %d request(s), %d rejected, %d skipped, %d unchanged%s%n",
					destination.destination(), destination.delivered(), destination.requests(), destination.rejected(),
					destination.skipped(), destination.unchanged(),
					destination.points().counted() ? "; data points " + destination.points().sent() + " sent, "
							+ destination.points().unchanged() + " unchanged" : "");
		}
		for (ReasonCount reason : report.reasons()) {
			// with several destinations, each reason says whose it is
			String stage = report.destinations().isEmpty() ? reason.stage()
					: reason.destination().substring(reason.destination().indexOf('/') + 1) + " " + reason.stage();
			String format = report.destinations().isEmpty() ? "    %-9s %-18s %5d  e.g. %s%n"
					: "    %-32s %-14s %5d  e.g. %s%n";
			out.printf(format, stage, reason.reasonCode(), reason.count(), reason.sample());
		}
		for (RunReport.MirrorCount mirror : report.mirrors()) {
			out.printf("  deleted     %d key(s) the source no longer has from %s in %d request(s)%s%s%n",
					mirror.deleted(), mirror.destination(), mirror.requests(),
					(mirror.refused() > 0) ? ", " + mirror.refused() + " refused (tried again next run)" : "",
					(mirror.undeletable() > 0) ? ", " + mirror.undeletable()
							+ " sent before the destination mirrored cannot be deleted (their keys were never kept)"
							: "");
		}
		for (RunReport.ReplayCount replay : report.replays()) {
			if (replay.replayed() > 0) {
				out.printf(
						"  replayed    %d row(s) %s refused in earlier runs: %d delivered, %d already held, "
								+ "%d refused again%n",
						replay.replayed(), replay.destination(), replay.delivered(), replay.unchanged(),
						replay.refused());
			}
			if (replay.givenUp() > 0) {
				out.printf(
						"  given up    %d row(s) %s refused in retry.max-runs runs: no longer sent ('rejected %s "
								+ "--given-up' lists them)%n",
						replay.givenUp(), replay.destination(), report.jobName());
			}
		}
		if (report.conflicts() > 0) {
			out.printf(
					"  conflicts   %d key(s) with two identities in one run (the vendor keeps the last row), e.g. %s%n",
					report.conflicts(),
					String.join("; ", report.conflictExamples().stream().map(Conflict::describe).toList()));
		}
		if (report.chains() > 0) {
			out.printf(
					"  chains      %d merge(s) chained with an earlier one (sent in later requests; the vendor does "
							+ "not guarantee order across requests; each was logged as a warning when sent)%n",
					report.chains());
		}
		if (!report.exitMessage().isEmpty() && !"COMPLETED".equals(report.status())) {
			out.printf("  why         %s%n", report.exitMessage());
		}
		out.flush();
	}

	/** {@code 1 row}, {@code 2 rows}. */
	static String count(long count, String unit) {
		return count + " " + unit + ((count == 1) ? "" : "s");
	}

	static void preview(PrintWriter out, Preview.Result result) {
		out.printf("  read        %d rows%n", result.read());
		out.printf("  accepted    %d rows (%d request(s))%n", result.accepted(), result.requests());
		long rejected = result.rejections().values().stream().mapToLong(Preview.Rejections::count).sum();
		out.printf("  rejected    %d rows%n", rejected);
		for (Map.Entry<String, Preview.Rejections> entry : result.rejections().entrySet()) {
			out.printf("    %-18s %5d%n", entry.getKey(), entry.getValue().count());
			entry.getValue().examples().forEach((example) -> out.printf("      %s%n", example));
		}
		if (!result.samples().isEmpty()) {
			out.println("  accepted rows (masked):");
			result.samples().forEach((sample) -> out.printf("      %s%n", sample));
		}
		out.flush();
	}

	/** A dry run's diff, per destination. */
	static void dryRun(PrintWriter out, JobSpec spec, Preview.Result result) {
		out.printf("  read        %d rows%n", result.read());
		for (Preview.Diff diff : result.diffs()) {
			out.printf("  %s%n", diff.destination());
			if (diff.compared()) {
				out.printf("    would create   %d%n", diff.create());
				out.printf("    would update   %d%n", diff.update());
				out.printf("    unchanged      %d (not sent)%n", diff.unchanged());
			}
			else {
				out.printf("    would send     %d (not compared: the endpoint does not upsert by a key)%n",
						diff.send());
			}
			if (diff.points() > 0 || diff.pointsUnchanged() > 0) {
				out.printf("    data points    %d would be sent, %d unchanged (not sent)%n", diff.points(),
						diff.pointsUnchanged());
			}
			if (diff.delete() >= 0) {
				double limit = spec.mirrorOrDefault().maxDeleteRatioOrDefault();
				boolean refused = diff.known() > 0 && (double) diff.delete() / diff.known() > limit;
				out.printf("    would delete   %d of %d known key(s)%s%n", diff.delete(), diff.known(),
						refused ? String.format(" - more than mirror.max-delete-ratio %.0f%%: the run would be "
								+ "refused without --allow-mass-delete", limit * 100) : "");
			}
			out.printf("    invalid        %d%n", diff.invalidTotal());
			diff.invalid().entrySet().stream().limit(5).forEach((reason) -> {
				Preview.Rejections rejections = result.rejections().get(reason.getKey());
				if (rejections == null) {
					rejections = result.rejections()
						.get(diff.destination().substring(diff.destination().indexOf('/') + 1) + ": "
								+ reason.getKey());
				}
				String example = (rejections != null && !rejections.examples().isEmpty())
						? "  e.g. " + rejections.examples().get(0) : "";
				out.printf("      %-18s %6d%s%n", reason.getKey(), reason.getValue(), example);
			});
			if (diff.skipped() > 0) {
				out.printf("    skipped        %d (not for this destination)%n", diff.skipped());
			}
			if (!diff.samples().isEmpty()) {
				out.println("    would send (masked):");
				diff.samples().forEach((sample) -> out.printf("      %s%n", sample));
			}
		}
		out.flush();
	}

	/** A dry run's diff as JSON. */
	static void dryRunJson(PrintWriter out, JobSpec spec, LocalDate runDate, DryRunDate date, Preview.Result result) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("job", spec.name());
		json.put("runDate", runDate.toString());
		json.put("dryRun", true);
		json.put("lastExecutionId", date.executionId());
		json.put("lastStatus", date.status());
		json.put("aRun", date.aRun());
		json.put("read", result.read());
		json.put("destinations", result.diffs().stream().map((diff) -> {
			Map<String, Object> each = new LinkedHashMap<>();
			each.put("destination", diff.destination());
			each.put("compared", diff.compared());
			each.put("create", diff.create());
			each.put("update", diff.update());
			each.put("unchanged", diff.unchanged());
			each.put("send", diff.send());
			each.put("dataPoints", Map.of("send", diff.points(), "unchanged", diff.pointsUnchanged()));
			each.put("delete", (diff.delete() >= 0) ? diff.delete() : null);
			each.put("knownKeys", diff.known());
			each.put("invalid", diff.invalidTotal());
			each.put("invalidByReason", diff.invalid());
			each.put("skipped", diff.skipped());
			each.put("samples", diff.samples());
			return each;
		}).toList());
		out.println(JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(json));
		out.flush();
	}

	static String duration(Duration duration) {
		if (duration.toMinutes() >= 1) {
			return duration.toMinutes() + "m" + duration.toSecondsPart() + "s";
		}
		return String.format("%.1fs", duration.toMillis() / 1000.0);
	}

}
