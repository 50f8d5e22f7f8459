package com.audiencesync.state;

import com.audiencesync.state.BufferPool.Sizes;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The warning a run gives when the sync state has outgrown MySQL's buffer pool. */
class BufferPoolTests {

	private static final long MB = 1024 * 1024;

	@Test
	void aStateLargerThanThePoolIsWarnedOfWithBothSizesAndTheRemedy() {
		assertThat(BufferPool.advice(new Sizes(1_900 * MB, 128 * MB))).hasValueSatisfying(
				(warning) -> assertThat(warning).contains("The sync state (AS_SYNC_KEY) takes about 1.9 GB",
						"innodb_buffer_pool_size is 128 MB", "buffer pool of at least the state's size",
						"docs/configuration.md, MySQL requirements"));
	}

	@Test
	void aStateThePoolHoldsIsNotWarnedOf() {
		assertThat(BufferPool.advice(new Sizes(240 * MB, 1024 * MB))).isEmpty();
		assertThat(BufferPool.advice(new Sizes(128 * MB, 128 * MB))).isEmpty();
	}

	@Test
	void sizesReadAsAnOperatorWritesThem() {
		assertThat(BufferPool.size(246_382_592)).isEqualTo("235 MB");
		assertThat(BufferPool.size(1024 * MB)).isEqualTo("1.0 GB");
		assertThat(BufferPool.size(1_985_000_000L)).isEqualTo("1.8 GB");
	}

}
