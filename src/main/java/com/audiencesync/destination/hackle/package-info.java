/**
 * Hackle: user properties (set, set once, unset), phone numbers (set and delete) and
 * push, Kakao and SMS consents. One record a request, {@code X-HACKLE-API-KEY} on every
 * call; throughput comes from requests in flight at once. Its sandbox emulator is in
 * {@code emulator/}, which nothing here imports.
 */
package com.audiencesync.destination.hackle;
