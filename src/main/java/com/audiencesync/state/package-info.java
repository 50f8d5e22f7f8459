/**
 * What the project keeps beside Spring Batch's tables: rejected rows (later:
 * fingerprints).
 */
package com.audiencesync.state;
