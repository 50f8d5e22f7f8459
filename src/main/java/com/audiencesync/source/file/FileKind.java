package com.audiencesync.source.file;

import java.nio.file.Path;

import com.audiencesync.source.Source;
import com.audiencesync.source.SourceContext;
import com.audiencesync.source.SourceKind;

/** {@code source.type: file}: a local file or folder, one partition per file. */
public final class FileKind implements SourceKind<FileSourceSpec> {

	@Override
	public String id() {
		return "file";
	}

	@Override
	public Class<FileSourceSpec> specType() {
		return FileSourceSpec.class;
	}

	@Override
	public String reads() {
		return "source.path (a file or a folder)";
	}

	@Override
	public Source create(FileSourceSpec spec, SourceContext context) {
		Path root = context.specFolder().resolve(context.resolve(spec.path())).normalize();
		return new FileSource(root, spec, context.jobRepository(), context.reads());
	}

}
