/**
 * What the project keeps beside Spring Batch's tables, in the job repository's database
 * over JDBC: the sync state ({@link com.audiencesync.state.SyncState}, a fingerprint of
 * the payload each key last delivered, per target: the change detection), the keys a run
 * sent with two identities and the users its rows linked, the rejected rows and their
 * resolutions, the heartbeats that tell a live execution from a killed one, and the
 * resealing of what is kept encrypted under a new key. Keys are keyed hashes; the few
 * statements that differ by database are in {@code Dialect}.
 */
package com.audiencesync.state;
