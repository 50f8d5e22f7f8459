/**
 * Remote partitioning over RabbitMQ ({@code audience-sync.remote.*}): the manager side
 * hands each partition of a run to the queue and polls the job repository for its end;
 * the worker side ({@code worker} processes) takes one partition at a time, builds its
 * step from the spec in its own jobs folder and runs it.
 */
package com.audiencesync.batch.remote;
