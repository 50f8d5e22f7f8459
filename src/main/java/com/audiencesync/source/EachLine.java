package com.audiencesync.source;

/**
 * A partition's reader whose records are lines (JSON lines): it can hand each record's
 * line over unparsed, and parse it only when asked, so a plan can know a line it saw
 * before by its bytes alone ({@code audience-sync.state.memo-dir}).
 */
public interface EachLine {

	/**
	 * Hands every record of the extract, from where the reader is (its start, once
	 * opened), to the visitor in order, each parsed only if the visitor asks.
	 * @return false, with nothing read, where the format's records are not lines
	 */
	boolean eachLine(Visitor visitor) throws Exception;

	/** Takes the records' lines in order. */
	@FunctionalInterface
	interface Visitor {

		void line(Line line) throws Exception;

	}

	/** One record's line: valid only during its visit. */
	interface Line {

		/** The record's position (its line): a row parsed from it has the same. */
		long position();

		/** The line's text as read: null where it could not be held (too long). */
		String text();

		/** The row, parsed exactly as the reader would have read it. */
		SourceRow row();

	}

}
