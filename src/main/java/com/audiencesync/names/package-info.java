/**
 * The names that the job repository keeps and a restart reads back: job parameters,
 * steps, partitions and execution-context keys. A leaf: it depends on nothing of the
 * project, and everything that persists a name takes it from here.
 */
package com.audiencesync.names;
