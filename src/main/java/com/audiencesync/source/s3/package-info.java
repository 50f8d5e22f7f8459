/**
 * S3 extracts: an object, or every matching object under a prefix, streamed (never loaded
 * whole), one partition per object. Through Spring Cloud AWS's {@code S3Client}: region
 * and credentials from the usual AWS chain, an endpoint override and path-style access
 * for S3-compatible stores.
 */
package com.audiencesync.source.s3;
