/**
 * The {@code csv} record format: a header row naming each column once, RFC 4180 quoting
 * and a configurable delimiter, through Jackson's CSV parser. A record with another
 * column count than the header's, an over-long line or undecodable text is an unreadable
 * row; a broken quote ends the extract, reported once. Registered as a
 * {@code RecordFormat} service.
 */
package com.audiencesync.source.format.csv;
