/**
 * From a source row to a destination row: mapping, type coercion, phone normalisation and
 * validation. Every row ends {@link com.audiencesync.transform.Transformed.Accepted
 * Accepted} or {@link com.audiencesync.transform.Transformed.Rejected Rejected} with a
 * reason.
 */
package com.audiencesync.transform;
