/**
 * What the vendors' emulators share: the
 * {@link com.audiencesync.destination.emulator.Emulator} interface the sandbox and tests
 * know them by, the {@link com.audiencesync.destination.emulator.EmulatorFactory} each
 * vendor's {@code emulator} sub-package registers, a base class with the counters, the
 * injected faults and the {@code GET state} answer, and request and response plumbing.
 * Nothing in production code outside the sandbox depends on it (an ArchUnit rule says
 * so).
 */
package com.audiencesync.destination.emulator;
