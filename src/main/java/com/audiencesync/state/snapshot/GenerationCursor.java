package com.audiencesync.state.snapshot;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A generation's entries in key order, one page in memory at a time; with
 * {@link #sealed()}, the key fields of the entry last read.
 */
public final class GenerationCursor implements EntryCursor {

	private final JdbcTemplate jdbc;

	private final Snapshots.Generation generation;

	private Page.Decoded page;

	private int nextPage;

	private int next;

	private byte[] sealed;

	GenerationCursor(JdbcTemplate jdbc, Snapshots.Generation generation) {
		this.jdbc = jdbc;
		this.generation = generation;
	}

	@Override
	public boolean next(long[] into) {
		while (this.page == null || this.next >= this.page.size()) {
			if (this.nextPage >= this.generation.pages()) {
				return false;
			}
			this.page = this.jdbc.queryForObject(
					"SELECT DATA FROM AS_SNAPSHOT_PAGE WHERE TARGET_ID = ? AND GENERATION = ? AND PAGE_NO = ?",
					(rs, row) -> Page.decode(rs.getBytes(1), this.generation.sealed()), this.generation.target(),
					this.generation.generation(), this.nextPage);
			this.nextPage++;
			this.next = 0;
		}
		this.sealed = this.page.entry(this.next++, into);
		return true;
	}

	@Override
	public byte[] sealed() {
		return this.sealed;
	}

}
