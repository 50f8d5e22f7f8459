package com.audiencesync.batch.jobs;

import com.audiencesync.source.SourceRow;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * A partition's reader around another: its stream (position, restart) is the other's, and
 * what it reads is the other's, passed on as a subclass says.
 */
abstract class ForwardingReader implements ItemStreamReader<SourceRow> {

	/** The reader read from. */
	protected final ItemStreamReader<SourceRow> reader;

	ForwardingReader(ItemStreamReader<SourceRow> reader) {
		this.reader = reader;
	}

	@Override
	public void open(ExecutionContext executionContext) {
		this.reader.open(executionContext);
	}

	@Override
	public void update(ExecutionContext executionContext) {
		this.reader.update(executionContext);
	}

	@Override
	public void close() {
		this.reader.close();
	}

}
