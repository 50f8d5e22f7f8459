/**
 * Braze: {@code POST /users/merge}, 50 merges a request, under a request budget shared by
 * the API key across every partition and job. Its sandbox emulator is in
 * {@code emulator/}, which nothing here imports.
 */
package com.audiencesync.destination.braze;
