/**
 * The destination SPI: a {@link com.audiencesync.destination.Vendor} registered once, its
 * endpoints ({@link com.audiencesync.destination.Endpoint}, described by an
 * {@link com.audiencesync.destination.EndpointDescriptor}) and what every vendor shares
 * beneath them: the connection properties, retry with backoff
 * ({@link com.audiencesync.destination.DeliveryRetry}) over every
 * {@link com.audiencesync.destination.DeliveryOutcome}, rate limits, the request threads
 * of a run, and the request meters taken where a request goes out
 * ({@link com.audiencesync.destination.RequestMeters}). One sub-package per vendor, its
 * sandbox emulator one level below it ({@code <vendor>/emulator/}). The writer that
 * groups rows into requests and sends them is in {@link com.audiencesync.delivery}.
 */
package com.audiencesync.destination;
