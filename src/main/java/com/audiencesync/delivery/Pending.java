package com.audiencesync.delivery;

import com.audiencesync.transform.Transformed.Accepted;

/**
 * A mapped row on its way: the row as accepted and the request record it became.
 *
 * @param accepted the mapped row
 * @param request the endpoint's request record
 * @param <R> the request record
 */
record Pending<R>(Accepted accepted, R request) {
}
