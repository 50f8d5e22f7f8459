package com.audiencesync.spec;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/** The registered source kinds. */
public final class SourceTypes {

	private static final List<SourceType> ALL = ServiceLoader.load(SourceType.class, SourceTypes.class.getClassLoader())
		.stream()
		.map(ServiceLoader.Provider::get)
		.sorted(Comparator.comparing(SourceType::id))
		.toList();

	private SourceTypes() {
	}

	/** Every kind, by id. */
	public static List<SourceType> all() {
		return ALL;
	}

	/** The kind with that id. */
	public static Optional<SourceType> find(String id) {
		return ALL.stream().filter((type) -> type.id().equals(id)).findFirst();
	}

	static List<String> ids() {
		return ALL.stream().map(SourceType::id).toList();
	}

	/**
	 * Reports the keys a source of one kind does not take: naming the kinds that take
	 * them, or listing the keys it does take.
	 */
	static void checkOtherKeys(SourceSpec source, SpecProblems problems) {
		Optional<SourceType> own = find(source.type());
		if (own.isEmpty() || source.otherKeys() == null) {
			return;
		}
		for (Map.Entry<String, Object> entry : source.otherKeys().entrySet()) {
			String key = entry.getKey();
			List<String> takers = ALL.stream().filter((type) -> type.keys().contains(key)).map(SourceType::id).toList();
			if (takers.isEmpty()) {
				// another kind's key would only be refused next
				Optional<String> meant = SpecKeys.suggest("source." + key, (known) -> !known.startsWith("source.")
						|| own.get().keys().contains(known.substring("source.".length())));
				problems.add("source." + key, "unknown key '" + key + "'" + meant
					.map((known) -> ": did you mean " + known + "?")
					.orElse(" (expected one of: " + String.join(", ", SpecProblems.sorted(own.get().keys())) + ")"));
			}
			else {
				problems.add("source." + key, "is for type" + ((takers.size() > 1) ? "s " : " ")
						+ String.join(" and ", takers) + "; type " + own.get().id() + " reads " + own.get().reads());
			}
		}
	}

}
