/**
 * Marketap's emulator for the sandbox: profiles, events, deletion jobs and devices, the
 * contract of each endpoint, a store of what was accepted, and faults a test can inject.
 * The Marketap client never imports it.
 */
package com.audiencesync.destination.marketap.emulator;
