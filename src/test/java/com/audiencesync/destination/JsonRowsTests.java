package com.audiencesync.destination;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** A body joined from its rows' JSON is the body Jackson writes for the records. */
class JsonRowsTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	record Row(String id, Map<String, Object> properties) {
	}

	record Wrapper(List<Row> profiles) {
	}

	private final List<Row> rows = List.of(new Row("a", Map.of("grade", "골드 \"VIP\"")), new Row("b", Map.of("n", 1)),
			new Row("c\u2028", Map.of()));

	private List<byte[]> json() {
		return this.rows.stream().map(JsonRows::of).toList();
	}

	@Test
	void anArrayBodyIsByteForByteWhatJacksonWritesForTheList() {
		assertThat(new String(JsonRows.array(json()), StandardCharsets.UTF_8))
			.isEqualTo(JSON.writeValueAsString(this.rows));
	}

	@Test
	void anObjectBodyIsByteForByteWhatJacksonWritesForTheWrapper() {
		assertThat(new String(JsonRows.object("profiles", json()), StandardCharsets.UTF_8))
			.isEqualTo(JSON.writeValueAsString(new Wrapper(this.rows)));
	}

	@Test
	void aRowsJsonIsWhatTheFingerprintsOfEveryStateWereMadeOf() {
		// the sync state's fingerprints hash these bytes: a change resends every key
		assertThat(new String(JsonRows.of(new Row("a", Map.of("n", 1))), StandardCharsets.UTF_8))
			.isEqualTo("{\"id\":\"a\",\"properties\":{\"n\":1}}");
	}

	@Test
	void rowsWrittenByOneGeneratorAreEachTheBytesOfTheirOwn() {
		List<byte[]> each = JsonRows.each(this.rows);
		assertThat(each).hasSize(3);
		for (int i = 0; i < this.rows.size(); i++) {
			assertThat(each.get(i)).isEqualTo(JsonRows.of(this.rows.get(i)));
		}
		assertThat(JsonRows.each(List.of())).isEmpty();
	}

	@Test
	void emptyBodies() {
		assertThat(new String(JsonRows.array(List.of()), StandardCharsets.UTF_8)).isEqualTo("[]");
		assertThat(new String(JsonRows.object("profiles", List.of()), StandardCharsets.UTF_8))
			.isEqualTo("{\"profiles\":[]}");
	}

}
