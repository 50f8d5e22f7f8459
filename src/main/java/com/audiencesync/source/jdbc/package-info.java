/**
 * Warehouse tables and queries over JDBC: partitioned by quantiles of a unique key, read
 * with keyset pagination, optionally windowed by an updated-at column. Warehouses are
 * configured by name and kept apart from the job repository's database.
 */
package com.audiencesync.source.jdbc;
