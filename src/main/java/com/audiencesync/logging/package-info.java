/**
 * Logs that cannot leak by accident: every event any appender writes, plain or
 * structured, goes through one masking layer (phone numbers, emails, the configured
 * secrets in its message, arguments, MDC values and exception messages), set up with the
 * logging system rather than at each call site; the fields the encoder adds (timestamps,
 * level, logger, thread, process) are never altered. A leaf: nothing here knows the rest
 * of audience-sync.
 */
package com.audiencesync.logging;
