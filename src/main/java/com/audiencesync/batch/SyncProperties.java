package com.audiencesync.batch;

import java.nio.file.Path;
import java.time.ZoneId;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * General settings ({@code audience-sync.*}).
 *
 * @param zone the business zone: the default runDate is yesterday here
 * @param jobsDir the folder of job specs, searched by job name
 */
@Validated
@ConfigurationProperties("audience-sync")
public record SyncProperties(@DefaultValue("Asia/Seoul") @NotNull ZoneId zone,
		@DefaultValue("jobs") @NotNull Path jobsDir) {
}
