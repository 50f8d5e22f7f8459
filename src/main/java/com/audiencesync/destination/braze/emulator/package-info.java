/**
 * Braze's emulator for the sandbox: {@code POST /users/merge} with its body's contract, a
 * per-key rate limit in fixed windows with {@code X-RateLimit-*} answers, and faults a
 * test can inject. The Braze client never imports it.
 */
package com.audiencesync.destination.braze.emulator;
