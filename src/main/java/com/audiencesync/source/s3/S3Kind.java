package com.audiencesync.source.s3;

import com.audiencesync.source.Source;
import com.audiencesync.source.SourceContext;
import com.audiencesync.source.SourceKind;
import software.amazon.awssdk.services.s3.S3Client;

/** {@code source.type: s3}: an S3 object or prefix, one partition per object. */
public final class S3Kind implements SourceKind<S3SourceSpec> {

	@Override
	public String id() {
		return "s3";
	}

	@Override
	public Class<S3SourceSpec> specType() {
		return S3SourceSpec.class;
	}

	@Override
	public String reads() {
		return "source.uri (s3://bucket/prefix/ or s3://bucket/key)";
	}

	@Override
	public Source create(S3SourceSpec spec, SourceContext context) {
		return new S3Source(context.beans().get(S3Client.class), context.resolve(spec.uri()), spec,
				context.jobRepository(), context.reads());
	}

}
