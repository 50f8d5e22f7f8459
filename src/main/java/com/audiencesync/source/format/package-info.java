/**
 * Record formats of extracts: a strategy per format ({@code jsonl/}, {@code csv/}), apart
 * from how bytes are opened.
 */
package com.audiencesync.source.format;
