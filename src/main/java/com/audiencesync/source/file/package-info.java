/**
 * Local files and folders: JSONL or CSV, gzip by {@code .gz}. One partition per file.
 */
package com.audiencesync.source.file;
