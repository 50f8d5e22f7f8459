/**
 * Hackle's emulator for the sandbox: user properties, phone numbers and consents, one
 * record a request, the records' checks, a store of what was applied and how often, and
 * faults a test can inject. The Hackle client never imports it.
 */
package com.audiencesync.destination.hackle.emulator;
