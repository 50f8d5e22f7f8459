package com.audiencesync.source;

import java.util.List;

import com.audiencesync.spec.SourceSpec;
import com.audiencesync.spec.SourceTypes;

/** Creates a run's source through the kind its spec names. */
public final class SourceKinds {

	private SourceKinds() {
	}

	/** The source of a spec's {@code source}, for one run. */
	public static Source create(SourceSpec spec, SourceContext context) {
		SourceKind<?> kind = SourceTypes.find(spec.type())
			.filter(SourceKind.class::isInstance)
			.map(SourceKind.class::cast)
			.orElseThrow(() -> new IllegalStateException("no source kind registered as " + spec.type()));
		return create(kind, spec, context);
	}

	/**
	 * What the configuration lacks for a run of the spec's {@code source} to read, each
	 * naming its property; none for a source of no registered kind (the spec says so).
	 */
	public static List<String> problems(SourceSpec spec, SourceContext.Beans beans) {
		return SourceTypes.find(spec.type())
			.filter(SourceKind.class::isInstance)
			.map((kind) -> problems((SourceKind<?>) kind, spec, beans))
			.orElse(List.of());
	}

	private static <S extends SourceSpec> List<String> problems(SourceKind<S> kind, SourceSpec spec,
			SourceContext.Beans beans) {
		return kind.specType().isInstance(spec) ? kind.problems(kind.specType().cast(spec), beans) : List.of();
	}

	private static <S extends SourceSpec> Source create(SourceKind<S> kind, SourceSpec spec, SourceContext context) {
		return kind.create(kind.specType().cast(spec), context);
	}

}
