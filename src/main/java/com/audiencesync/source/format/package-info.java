/**
 * Record formats of extracts, apart from how bytes are opened: the
 * {@link com.audiencesync.source.format.RecordFormat} SPI, one sub-package per format
 * ({@code jsonl/}, {@code csv/}) registered as a service, the source's format options,
 * and the {@link com.audiencesync.source.format.CappedLineReader} that replaces a line
 * longer than {@code max-line-bytes} before any parser sees it.
 */
package com.audiencesync.source.format;
