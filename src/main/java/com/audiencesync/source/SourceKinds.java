package com.audiencesync.source;

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

	private static <S extends SourceSpec> Source create(SourceKind<S> kind, SourceSpec spec, SourceContext context) {
		return kind.create(kind.specType().cast(spec), context);
	}

}
