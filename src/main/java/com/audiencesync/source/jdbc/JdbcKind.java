package com.audiencesync.source.jdbc;

import java.util.List;

import com.audiencesync.source.Source;
import com.audiencesync.source.SourceContext;
import com.audiencesync.source.SourceKind;

/** {@code source.type: jdbc}: a warehouse table or query, split into key ranges. */
public final class JdbcKind implements SourceKind<JdbcSourceSpec> {

	@Override
	public String id() {
		return "jdbc";
	}

	@Override
	public Class<JdbcSourceSpec> specType() {
		return JdbcSourceSpec.class;
	}

	@Override
	public String reads() {
		return "a table or query";
	}

	@Override
	public List<String> problems(JdbcSourceSpec spec, SourceContext.Beans beans) {
		// a name that cannot be a warehouse's is the spec's problem, reported as such
		if (!JdbcSourceSpec.WAREHOUSE.matcher(spec.datasourceOrDefault()).matches()) {
			return List.of();
		}
		return beans.get(Warehouses.class).problems(spec.datasourceOrDefault());
	}

	@Override
	public Source create(JdbcSourceSpec spec, SourceContext context) {
		return new JdbcSource(context.beans().get(Warehouses.class).dataSource(spec.datasourceOrDefault()), spec,
				context.jobRepository(), context.from(), context.to(), context.zone(), context.chunkSize());
	}

}
