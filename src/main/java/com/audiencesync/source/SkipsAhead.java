package com.audiencesync.source;

/**
 * A partition's reader that can pass over records without parsing them: a planned night's
 * delivery reads only the rows its plan sends, and an extract of JSON lines need not
 * parse the lines between them.
 */
public interface SkipsAhead {

	/**
	 * Passes over the records before a position (a line), unparsed and counted as read,
	 * so a restart goes on from the same place; nothing where the reader is already
	 * there, or where its format cannot tell records from lines (CSV).
	 */
	void skipBefore(long position);

}
