/**
 * The {@code jsonl} record format (JSON Lines): one JSON object a line, blank lines
 * passed over. A line that is not an object, is over-long or holds undecodable text is an
 * unreadable row naming where it broke, and the rest of the extract goes on. Registered
 * as a {@code RecordFormat} service.
 */
package com.audiencesync.source.format.jsonl;
