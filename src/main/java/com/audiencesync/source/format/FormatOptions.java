package com.audiencesync.source.format;

/**
 * A source's options for its record format.
 *
 * @param delimiter the CSV column separator
 */
public record FormatOptions(char delimiter) {

	/** The defaults: comma-separated. */
	public static final FormatOptions DEFAULT = new FormatOptions(',');

}
