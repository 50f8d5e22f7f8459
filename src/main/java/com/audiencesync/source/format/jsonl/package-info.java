/** JSON Lines extracts. */
package com.audiencesync.source.format.jsonl;
