package com.audiencesync.state.snapshot;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The folder of line memos ({@code audience-sync.state.memo-dir}), kept tidy. */
final class MemoFolder {

	private static final Logger log = LoggerFactory.getLogger(MemoFolder.class);

	/** How long a memo no night wrote again is kept: a job, a file or a key gone. */
	static final long UNUSED_DAYS = 30;

	private MemoFolder() {
	}

	/**
	 * Before a memo is written: deletes its unfinished files that a killed process left
	 * (an hour old: a plan of the partition that still runs elsewhere writes its own),
	 * and the folder's memos that no night wrote for {@link #UNUSED_DAYS} days (a job or
	 * a file renamed, the hmac key rotated: their names are keyed hashes, so nothing else
	 * would).
	 */
	static void sweep(Path memo) {
		String prefix = memo.getFileName().toString();
		long now = System.currentTimeMillis();
		long hourAgo = now - 3_600_000L;
		long unused = now - UNUSED_DAYS * 86_400_000L;
		try (DirectoryStream<Path> files = Files.newDirectoryStream(memo.getParent(), prefix + "*.new")) {
			for (Path file : files) {
				if (Files.getLastModifiedTime(file).toMillis() < hourAgo) {
					Files.deleteIfExists(file);
				}
			}
		}
		catch (IOException ex) {
			log.debug("unfinished memos beside {} not deleted: {}", memo, ex.getMessage());
		}
		try (DirectoryStream<Path> files = Files.newDirectoryStream(memo.getParent(), "*.memo")) {
			for (Path file : files) {
				if (Files.getLastModifiedTime(file).toMillis() < unused) {
					Files.deleteIfExists(file);
					log.info("line memo {} deleted: no night wrote it for {} days", file, UNUSED_DAYS);
				}
			}
		}
		catch (IOException ex) {
			log.debug("unused memos beside {} not deleted: {}", memo, ex.getMessage());
		}
	}

}
