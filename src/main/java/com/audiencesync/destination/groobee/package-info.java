/**
 * Groobee: {@code POST /personalizations}, upsert by phone number, 1,000 rows a request.
 */
package com.audiencesync.destination.groobee;
