package com.audiencesync.source;

import com.audiencesync.spec.SourceSpec;
import com.audiencesync.spec.SourceType;

/**
 * A source kind: its spec record and validation ({@link SourceType}) and how a run's
 * source is created from it. One class per kind, registered by one line in
 * {@code META-INF/services/com.audiencesync.spec.SourceType}.
 *
 * @param <S> the kind's spec record
 */
public interface SourceKind<S extends SourceSpec> extends SourceType {

	@Override
	Class<S> specType();

	/** The source of one run. */
	Source create(S spec, SourceContext context);

}
