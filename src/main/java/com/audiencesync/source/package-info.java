/**
 * Where rows come from. One sub-package per source kind ({@code file}, {@code s3},
 * {@code jdbc}), each with its reader and partitioner; a source's partitions are planned
 * once per run and kept ({@link com.audiencesync.source.PlannedSource}). Every reader
 * saves its position, so a restart resumes mid-file or mid-range.
 */
package com.audiencesync.source;
