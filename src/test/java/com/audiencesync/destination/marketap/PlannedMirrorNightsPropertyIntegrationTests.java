package com.audiencesync.destination.marketap;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import com.audiencesync.JobTest;
import com.audiencesync.delivery.CrashingCommits;
import com.audiencesync.destination.marketap.emulator.MarketapEmulator;
import com.audiencesync.spec.JobSpec;
import com.audiencesync.spec.SpecLoader;
import org.junit.jupiter.api.Test;

import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many planned nights of a mirrored destination at random: users added, changed and
 * removed across two files, users the vendor refuses (their upserts and their deletions),
 * and a crash between the vendor's answer and a chunk's commit now and then, in the sync
 * or in the mirror's deletions. After each completed night the vendor holds exactly the
 * source's users (but where it refuses one: what it held before), and it took the rows
 * that changed and deleted the users that left, plus at most a chunk a crash.
 */
@TestPropertySource(properties = "audience-sync.state.snapshots=true")
@Import(CrashingCommits.class)
class PlannedMirrorNightsPropertyIntegrationTests extends JobTest {

	static final int CHUNK = 10;

	@Override
	protected String vendor() {
		return "marketap";
	}

	@Test
	void theVendorHoldsTheSourceAfterEveryNightAndGetsOnlyWhatChanged() throws Exception {
		Random random = new Random(20261208);
		MarketapEmulator marketap = sandbox.emulator("marketap", MarketapEmulator.class);
		Path data = this.dir.resolve("mirror-data");
		JobSpec spec = new SpecLoader().load(com.audiencesync.TestExtracts.write(this.dir.resolve("mirrored.yml"), """
				name: planned-mirror-property
				source: { type: file, path: %s, format: jsonl }
				mapping:
				  fields: { userId: user_id }
				  properties: { columns: [tier] }
				destination: { vendor: marketap, endpoint: profiles, mode: mirror }
				chunk: %d
				""".formatted(data, CHUNK)));
		// two files of users and their tiers, in file order
		List<Map<String, String>> files = List.of(new LinkedHashMap<>(), new LinkedHashMap<>());
		int next = 0;
		for (; next < 200; next++) {
			files.get(next % 2).put("u-" + next, "GOLD");
		}
		Set<String> refused = new HashSet<>();
		// what the vendor holds: user, tier
		Map<String, String> vendor = new TreeMap<>();
		int crashed = 0;
		for (int night = 0; night < 12; night++) {
			if (night > 0) {
				next = change(random, files, next);
				if (random.nextInt(3) == 0) {
					refused.add("u-" + random.nextInt(next));
				}
			}
			marketap.clearFaults();
			refused.forEach(marketap::reject);
			write(data, files);
			// tonight's source, and what the vendor should take and delete
			Map<String, String> source = new TreeMap<>();
			files.forEach(source::putAll);
			long changed = source.entrySet()
				.stream()
				.filter((user) -> !refused.contains(user.getKey())
						&& !user.getValue().equals(vendor.get(user.getKey())))
				.count();
			long gone = vendor.keySet()
				.stream()
				.filter((user) -> !source.containsKey(user) && !refused.contains(user))
				.count();
			long accepted = marketap.itemsAccepted();
			int deleted = marketap.deletedUserIds().size();

			// every other night crashes once, after the vendor answered a chunk
			int day = night;
			int crashes = CrashingCommits.crashedOnce((night % 2 == 1) ? 1 + random.nextInt(3) : 0,
					() -> this.launcher.run(spec, DATE.plusDays(day), this.options), "night " + night) ? 1 : 0;
			crashed += crashes;

			// the vendor holds the source, but what it refuses stays as it was
			source.forEach((user, tier) -> {
				if (!refused.contains(user)) {
					vendor.put(user, tier);
				}
			});
			vendor.keySet().removeIf((user) -> !source.containsKey(user) && !refused.contains(user));
			Map<String, String> held = new TreeMap<>();
			marketap.profiles().forEach((user, properties) -> held.put(user, String.valueOf(properties.get("tier"))));
			assertThat(held).as("night %d", night).isEqualTo(vendor);
			// and took the rows that changed and deleted the users gone, plus at most a
			// chunk a crash
			long took = marketap.itemsAccepted() - accepted;
			long deletions = marketap.deletedUserIds().size() - deleted;
			assertThat(took - deletions).as("night %d: rows taken, %d changed", night, changed)
				.isBetween(changed, changed + (long) CHUNK * crashes);
			assertThat(deletions).as("night %d: deletions, %d gone", night, gone)
				.isBetween(gone, gone + (long) CHUNK * crashes);
		}
		assertThat(crashed).as("nights that crashed and were run again").isGreaterThanOrEqualTo(3);
	}

	/** A night's changes: users added, changed, removed, moved to the other file. */
	private static int change(Random random, List<Map<String, String>> files, int next) {
		int added = random.nextInt(10);
		for (int i = 0; i < added; i++, next++) {
			files.get(random.nextInt(2)).put("u-" + next, "GOLD");
		}
		for (Map<String, String> file : files) {
			for (String user : new ArrayList<>(file.keySet())) {
				int roll = random.nextInt(100);
				if (roll < 4) {
					file.put(user, file.get(user).equals("GOLD") ? "SILVER" : "GOLD");
				}
				else if (roll < 8) {
					file.remove(user);
				}
				else if (roll < 9) {
					// the same user, now in the other file
					files.get((files.indexOf(file) + 1) % 2).put(user, file.remove(user));
				}
			}
		}
		return next;
	}

	private static void write(Path data, List<Map<String, String>> files) throws Exception {
		Files.createDirectories(data);
		for (int f = 0; f < files.size(); f++) {
			StringBuilder lines = new StringBuilder();
			files.get(f)
				.forEach((user, tier) -> lines.append("{\"user_id\":\"")
					.append(user)
					.append("\",\"tier\":\"")
					.append(tier)
					.append("\"}\n"));
			Files.writeString(data.resolve("part-" + f + ".jsonl"), lines.toString());
		}
	}

}
