/**
 * A loopback emulator of vendor HTTP APIs, used by the {@code sandbox} command to try
 * syncs locally and by tests as a stub that enforces each vendor's contract.
 */
package com.audiencesync.sandbox;
