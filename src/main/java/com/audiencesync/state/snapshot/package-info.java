/**
 * The sync state as sorted snapshots (the design in docs/design/snapshots.md): per
 * target, a generation of fixed-width entries in key-hash order in the job repository
 * ({@code Snapshots}), the night's rows sorted by key within a bounded memory
 * ({@code ExternalSort}), and one merge of the two that decides every key once
 * ({@code NightMerge}). Read and written only in sequence: no row read or written per
 * key.
 */
package com.audiencesync.state.snapshot;
