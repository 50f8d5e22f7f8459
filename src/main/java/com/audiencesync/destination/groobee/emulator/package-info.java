/**
 * Groobee's emulator for the sandbox: {@code POST /personalizations} with its row checks
 * and documented process codes, an upsert by phone number, and faults a test can inject.
 * The Groobee client never imports it.
 */
package com.audiencesync.destination.groobee.emulator;
