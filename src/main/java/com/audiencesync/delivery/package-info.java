/**
 * Delivery: the one ItemWriter ({@link com.audiencesync.delivery.DeliveryWriter}) that
 * groups mapped rows into requests ({@link com.audiencesync.delivery.Batches}, link
 * ordering included), sends them through an endpoint and bisects what the vendor refuses
 * ({@link com.audiencesync.delivery.BisectingSender}), records rejected rows and keeps
 * its counters ({@link com.audiencesync.delivery.DeliveryCounts}) in the step's execution
 * context. What it keeps per key is a {@link com.audiencesync.delivery.Ledger}: change
 * detection against the sync state, chains of linked users, a mirror's deletions. Also
 * here: the dry run's comparison, the replay of rows refused earlier, the import of rows
 * a data team fixed, and the reader of a mirror's keys to delete. What the partitions of
 * one execution share is a {@link com.audiencesync.delivery.DeliveryRun}.
 */
package com.audiencesync.delivery;
