/**
 * Where rows come from. One sub-package per source kind ({@code file}; S3 and JDBC come
 * later), each with its reader and partitioner. Every reader saves its position, so a
 * restart resumes mid-file.
 */
package com.audiencesync.source;
