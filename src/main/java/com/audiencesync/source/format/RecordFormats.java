package com.audiencesync.source.format;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/** The registered record formats. */
public final class RecordFormats {

	private static final List<RecordFormat> ALL = ServiceLoader
		.load(RecordFormat.class, RecordFormats.class.getClassLoader())
		.stream()
		.map(ServiceLoader.Provider::get)
		.sorted(Comparator.comparing(RecordFormat::id))
		.toList();

	private RecordFormats() {
	}

	/** The format with that id. */
	public static Optional<RecordFormat> find(String id) {
		return ALL.stream().filter((format) -> format.id().equals(id)).findFirst();
	}

	/** The format with that id, which a validated spec names. */
	public static RecordFormat get(String id) {
		return find(id).orElseThrow(() -> new IllegalStateException("no record format registered as " + id));
	}

	/** Every format's id. */
	public static List<String> ids() {
		return ALL.stream().map(RecordFormat::id).toList();
	}

}
