package com.audiencesync.batch.jobs;

import com.audiencesync.source.SourceRow;

import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * A partition's reader that tells its writers when it has read its last row, in the
 * transaction of the last chunk (whose stream update follows): a planned night's writer
 * then records the planned rows it never met (a table's rows deleted since the plan).
 */
final class EndNoticingReader extends ForwardingReader {

	private final Runnable ended;

	EndNoticingReader(ItemStreamReader<SourceRow> reader, Runnable ended) {
		super(reader);
		this.ended = ended;
	}

	@Override
	public SourceRow read() throws Exception {
		SourceRow row = this.reader.read();
		if (row == null) {
			this.ended.run();
		}
		return row;
	}

}
