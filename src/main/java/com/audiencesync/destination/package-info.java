/**
 * The destination SPI ({@link com.audiencesync.destination.Endpoint}), the one ItemWriter
 * ({@link com.audiencesync.destination.DeliveryWriter}) that groups rows into requests
 * and handles every {@link com.audiencesync.destination.DeliveryOutcome}, retry with
 * backoff, and one sub-package per vendor.
 */
package com.audiencesync.destination;
