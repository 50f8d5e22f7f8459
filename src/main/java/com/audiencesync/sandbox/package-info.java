/**
 * A loopback HTTP server that serves every registered vendor emulator under
 * {@code /{vendor}/} ({@link com.audiencesync.sandbox.SandboxServer}), for the
 * {@code sandbox} command, {@code --sandbox} runs and tests. The emulators themselves
 * live with their vendors, in each vendor's {@code emulator} sub-package.
 */
package com.audiencesync.sandbox;
