/**
 * Logs that cannot leak by accident: every line any appender writes, plain or structured,
 * goes through one masking layer (phone numbers, emails, the configured secrets), set up
 * with the logging system rather than at each call site. A leaf: nothing here knows the
 * rest of audience-sync.
 */
package com.audiencesync.logging;
