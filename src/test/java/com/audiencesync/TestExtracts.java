package com.audiencesync;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** Writes specs and member extracts for job tests. */
public final class TestExtracts {

	private TestExtracts() {
	}

	/** The dashed phone of member {@code i}: unique per member, valid Korean mobile. */
	public static String phone(int i) {
		return String.format("010-%04d-%04d", 1000 + i / 10000, i % 10000);
	}

	/**
	 * A CSV of {@code rows} members (header {@code member_id,phone,grade,points}); rows
	 * listed in {@code badPhones} get an unparseable phone, rows in {@code vendorBad} a
	 * member id Groobee refuses.
	 */
	public static Path members(Path dir, String name, int from, int rows, List<Integer> badPhones,
			List<Integer> vendorBad) {
		List<String> lines = new ArrayList<>();
		lines.add("member_id,phone,grade,points");
		for (int i = from; i < from + rows; i++) {
			String member = vendorBad.contains(i) ? "bad member " + i : "m-" + i;
			String phone = badPhones.contains(i) ? "123-" + i : phone(i).replace("-", "");
			lines.add(member + "," + phone + ",GOLD," + i);
		}
		return write(dir.resolve(name), String.join("\n", lines) + "\n");
	}

	/**
	 * A Groobee spec reading {@code path} (relative to the spec) with that chunk and
	 * batch size.
	 */
	public static Path groobeeSpec(Path dir, String name, String path, int chunk, int batchSize, int concurrency) {
		return write(dir.resolve(name + ".yml"), """
				name: %s
				source:
				  type: file
				  path: %s
				  format: csv
				mapping:
				  fields:
				    memberId: member_id
				    phoneNumber: { column: phone, type: phone }
				  properties:
				    columns: [grade]
				    fields:
				      points: { column: points, type: integer }
				destination:
				  vendor: groobee
				  endpoint: personalizations
				  batch-size: %d
				chunk: %d
				concurrency: %d
				skip:
				  limit: 50
				  ratio: 0.2
				""".formatted(name, path, batchSize, chunk, concurrency));
	}

	public static byte[] gzip(byte[] bytes) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
			gzip.write(bytes);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	public static Path write(Path file, String text) {
		try {
			Files.createDirectories(file.getParent());
			return Files.writeString(file, text, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Marketap users {@code u-0} to {@code u-<count-1>} as JSON lines, all GOLD, but
	 * those left out.
	 */
	public static String users(int count, int... without) {
		StringBuilder lines = new StringBuilder();
		for (int i = 0; i < count; i++) {
			int user = i;
			if (java.util.Arrays.stream(without).noneMatch((left) -> left == user)) {
				lines.append("{\"user_id\":\"u-").append(i).append("\",\"tier\":\"GOLD\"}\n");
			}
		}
		return lines.toString();
	}

	/**
	 * A job {@code name} in {@code jobs} mirroring {@link #users} from
	 * {@code data/users.jsonl} to Marketap profiles.
	 * @return the users' extract
	 */
	public static Path marketapMirror(Path jobs, String name, String users) {
		Path extract = write(jobs.resolve("data/users.jsonl"), users);
		write(jobs.resolve(name + ".yml"), """
				name: %s
				source: { type: file, path: %s, format: jsonl }
				mapping:
				  fields: { userId: user_id }
				  properties: { columns: [tier] }
				destination: { vendor: marketap, endpoint: profiles, mode: mirror }
				""".formatted(name, extract.toAbsolutePath()));
		return extract;
	}

}
