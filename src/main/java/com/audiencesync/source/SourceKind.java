package com.audiencesync.source;

import java.util.List;

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

	/**
	 * Every reason the configuration does not let a run of this spec read (a warehouse
	 * that is not configured), each naming its property; none by default.
	 * @param beans the application's beans, as {@link SourceContext#beans()}
	 */
	default List<String> problems(S spec, SourceContext.Beans beans) {
		return List.of();
	}

}
