/**
 * Delivery: the one ItemWriter ({@link com.audiencesync.delivery.DeliveryWriter}) that
 * groups mapped rows into requests ({@link com.audiencesync.delivery.Batches}, link
 * ordering included), sends them through an endpoint and bisects what the vendor refuses
 * ({@link com.audiencesync.delivery.BisectingSender}), records rejected rows and keeps
 * its counters ({@link com.audiencesync.delivery.DeliveryCounts}) in the step's execution
 * context. What the partitions of one execution share is a
 * {@link com.audiencesync.delivery.DeliveryRun}.
 */
package com.audiencesync.delivery;
