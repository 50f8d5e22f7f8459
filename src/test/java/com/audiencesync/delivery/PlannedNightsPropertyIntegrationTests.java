package com.audiencesync.delivery;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import com.audiencesync.JobTest;
import com.audiencesync.TestExtracts;
import com.audiencesync.destination.emulator.Emulator;
import com.audiencesync.destination.emulator.StoredRecord;
import com.audiencesync.spec.JobSpec;
import com.audiencesync.spec.SpecLoader;
import org.junit.jupiter.api.Test;

import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import static com.audiencesync.TestExtracts.phone;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many planned nights at random: rows added, changed, removed, a phone number in both
 * files, members the vendor refuses, and a crash between the vendor's answer and a
 * chunk's commit now and then. After each completed night the vendor holds, for every
 * phone of the source whose kept row (the later file's) it does not refuse, exactly that
 * row; and it took the rows that changed, plus at most a chunk for each crash.
 */
@TestPropertySource(properties = "audience-sync.state.snapshots=true")
@Import(CrashingCommits.class)
class PlannedNightsPropertyIntegrationTests extends JobTest {

	static final int CHUNK = 40;

	/** A row of the source: its member, its phone (an index), its grade and points. */
	record Member(String id, int phone, String grade, int points) {

		String line() {
			return this.id + "," + TestExtracts.phone(this.phone).replace("-", "") + "," + this.grade + ","
					+ this.points;
		}

		String json() {
			return "{\"member_id\":\"" + this.id + "\",\"phone\":\"" + TestExtracts.phone(this.phone).replace("-", "")
					+ "\",\"grade\":\"" + this.grade + "\",\"points\":" + this.points + "}";
		}

	}

	@Override
	protected String vendor() {
		return "groobee";
	}

	@Test
	void theVendorHoldsTheSourceAfterEveryNightAndGetsOnlyWhatChanged() throws Exception {
		Random random = new Random(20261207);
		Path specFile = TestExtracts.groobeeSpec(this.dir, "planned-property", "data", CHUNK, CHUNK, 2);
		Files.writeString(specFile, Files.readString(specFile).replace("format: csv", "format: " + format()));
		JobSpec spec = new SpecLoader().load(specFile);
		Emulator groobee = sandbox.emulator("groobee");
		// two files, rows by member id, in file order
		List<Map<String, Member>> files = List.of(new LinkedHashMap<>(), new LinkedHashMap<>());
		int next = 0;
		for (; next < 300; next++) {
			files.get(next % 2).put("m-" + next, new Member("m-" + next, next, "GOLD", next));
		}
		Set<String> refused = new HashSet<>();
		// what the vendor holds, by phone: the last row it took
		Map<Integer, Member> vendor = new LinkedHashMap<>();
		int crashed = 0;
		for (int night = 0; night < 12; night++) {
			if (night > 0) {
				next = change(random, files, next);
				if (random.nextInt(3) == 0) {
					refused.add("m-" + random.nextInt(next));
				}
			}
			groobee.clearFaults();
			refused.forEach(groobee::reject);
			write(files);
			// the rows the vendor should take tonight: each phone's kept row, when it
			// differs from what the vendor holds and is not refused
			Map<Integer, Member> kept = new LinkedHashMap<>();
			files.forEach((file) -> file.values().forEach((member) -> kept.put(member.phone(), member)));
			long changed = kept.values()
				.stream()
				.filter((member) -> !refused.contains(member.id()) && !member.equals(vendor.get(member.phone())))
				.count();
			long accepted = groobee.itemsAccepted();

			// every other night crashes once, after the vendor answered a chunk
			int day = night;
			int crashes = CrashingCommits.crashedOnce((night % 2 == 1) ? 1 + random.nextInt(2) : 0,
					() -> this.launcher.run(spec, DATE.plusDays(day), this.options), "night " + night) ? 1 : 0;
			crashed += crashes;
			afterNight(night);

			// the vendor holds every kept row it does not refuse, exactly
			for (Member member : kept.values()) {
				if (refused.contains(member.id())) {
					continue;
				}
				StoredRecord held = groobee.records().get(phone(member.phone()));
				assertThat(held).as("night %d: phone %d", night, member.phone()).isNotNull();
				assertThat(held.identity()).as("night %d: phone %d's member", night, member.phone())
					.isEqualTo(member.id());
				assertThat(held.properties()).as("night %d: phone %d", night, member.phone())
					.containsEntry("grade", member.grade());
				vendor.put(member.phone(), member);
			}
			// and took the rows that changed, plus at most a chunk a crash
			long took = groobee.itemsAccepted() - accepted;
			assertThat(took).as("night %d: rows taken, %d changed", night, changed)
				.isBetween(changed, changed + (long) CHUNK * crashes);
		}
		assertThat(crashed).as("nights that crashed and were run again").isGreaterThanOrEqualTo(3);
	}

	/** The extracts' format: CSV, or JSON lines. */
	protected String format() {
		return "csv";
	}

	/** What a subclass checks after each completed night. */
	protected void afterNight(int night) {
	}

	/** A night's changes: rows added, changed, removed, a phone put in the other file. */
	private static int change(Random random, List<Map<String, Member>> files, int next) {
		int added = random.nextInt(20);
		for (int i = 0; i < added; i++, next++) {
			files.get(random.nextInt(2)).put("m-" + next, new Member("m-" + next, next, "GOLD", next));
		}
		for (Map<String, Member> file : files) {
			List<String> ids = new ArrayList<>(file.keySet());
			for (String id : ids) {
				int roll = random.nextInt(100);
				Member member = file.get(id);
				if (roll < 3) {
					file.put(id, new Member(id, member.phone(), member.grade().equals("GOLD") ? "SILVER" : "GOLD",
							member.points()));
				}
				else if (roll < 4) {
					file.remove(id);
				}
				else if (roll < 5) {
					// another member with this phone, in the other file
					Map<String, Member> other = files.get((files.indexOf(file) + 1) % 2);
					String twin = "t-" + next++;
					other.put(twin, new Member(twin, member.phone(), "BRONZE", member.points()));
				}
			}
		}
		return next;
	}

	private void write(List<Map<String, Member>> files) throws Exception {
		boolean csv = "csv".equals(format());
		for (int f = 0; f < files.size(); f++) {
			List<String> lines = new ArrayList<>();
			if (csv) {
				lines.add("member_id,phone,grade,points");
				files.get(f).values().forEach((member) -> lines.add(member.line()));
			}
			else {
				files.get(f).values().forEach((member) -> lines.add(member.json()));
				// a line no night can take: rejected every night, memo or not
				lines.add(lines.size() / 2, "{\"member_id\":\"broken-" + f + "\",\"phone\":\"not a phone\"}");
			}
			Path file = this.dir.resolve("data/part-" + f + "." + format());
			Files.createDirectories(file.getParent());
			Files.writeString(file, String.join("\n", lines) + "\n");
		}
	}

}
