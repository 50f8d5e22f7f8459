/**
 * Braze: {@code POST /users/merge}, 50 merges a request, under a request budget shared by
 * the API key across every partition and job.
 */
package com.audiencesync.destination.braze;
