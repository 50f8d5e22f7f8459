/**
 * The {@code parquet} record format: a Parquet extract read with parquet-java's file
 * reader and no Hadoop, at places (a file's channel, an S3 object's ranged requests), a
 * row group at a time and only the mapped columns; its values become what the mapping
 * reads of a JSON object. Registered as a {@code RecordFormat} service.
 */
package com.audiencesync.source.format.parquet;
