package com.audiencesync.batch.jobs;

import java.nio.file.Path;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How runs keep the sync state ({@code audience-sync.state.*}).
 *
 * @param snapshots whether nights are planned against sorted snapshots
 * (docs/design/snapshots.md), the default, instead of the per-key table
 * @param workDir where a night's sort writes its runs (local disk, deleted as it goes)
 * @param sortMemory how much of the night's records a sort holds before it writes a run
 * @param maxChangeRatio a planned night that would update more than this share of the
 * keys the vendor holds stops before it sends anything
 * @param memoDir a local folder kept from one night to the next (a volume) where each
 * partition of JSON lines keeps a memo of its lines: a next night plans the lines it saw
 * before without parsing or mapping them; none when unset
 */
@ConfigurationProperties("audience-sync.state")
@Validated
public record StateProperties(@DefaultValue("true") boolean snapshots, Path workDir,
		@DefaultValue("64MB") DataSize sortMemory,
		@DefaultValue("0.5") @DecimalMin("0") @DecimalMax("1") double maxChangeRatio, Path memoDir) {

	/** The sort's folder: {@link #workDir}, or one in the JVM's temporary folder. */
	public Path workDirOrDefault() {
		return (this.workDir != null) ? this.workDir
				: Path.of(System.getProperty("java.io.tmpdir"), "audience-sync-sort");
	}

}
