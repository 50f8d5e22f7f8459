/**
 * Groobee: {@code POST /personalizations}, upsert by phone number, 1,000 rows a request.
 * Its sandbox emulator is in {@code emulator/}, which nothing here imports.
 */
package com.audiencesync.destination.groobee;
