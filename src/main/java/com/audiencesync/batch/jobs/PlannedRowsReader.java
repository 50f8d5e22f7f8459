package com.audiencesync.batch.jobs;

import com.audiencesync.source.SkipsAhead;
import com.audiencesync.source.SourceRow;
import com.audiencesync.state.snapshot.RecordCursor;

import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * A partition's reader on a planned night whose every destination is planned: it hands
 * over only the rows at the plan's places (rows a destination sends, or must see), in
 * order, and drops the rest before they are mapped, so a chunk carries rows to send. Its
 * position is the source reader's: a restart goes on after the last committed row.
 */
final class PlannedRowsReader extends ForwardingReader {

	private final RecordCursor places;

	private final long[] place = new long[1];

	private boolean placeHeld;

	/** The source's reader where it can pass over records unparsed, or null. */
	private final SkipsAhead skips;

	/**
	 * @param reader the partition's rows
	 * @param places the places to hand over, in order
	 * @param skips the source's reader where it can pass over the records before a place
	 * without parsing them (JSON lines), or null
	 */
	PlannedRowsReader(ItemStreamReader<SourceRow> reader, RecordCursor places, SkipsAhead skips) {
		super(reader);
		this.places = places;
		this.placeHeld = places.next(this.place);
		this.skips = skips;
	}

	@Override
	public SourceRow read() throws Exception {
		while (this.placeHeld) {
			if (this.skips != null) {
				this.skips.skipBefore(this.place[0]);
			}
			SourceRow row = this.reader.read();
			if (row == null) {
				return null;
			}
			while (this.placeHeld && this.place[0] < row.position()) {
				this.placeHeld = this.places.next(this.place);
			}
			if (this.placeHeld && this.place[0] == row.position()) {
				return row;
			}
		}
		// no planned row left: the rest of the partition is dropped unread
		return null;
	}

}
