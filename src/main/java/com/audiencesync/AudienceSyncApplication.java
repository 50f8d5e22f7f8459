package com.audiencesync;

import com.audiencesync.cli.Cli;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The whole application. {@code main} is the command line: it parses first and starts
 * this (or a smaller application) only for a command that needs it.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AudienceSyncApplication {

	public static void main(String[] args) {
		System.exit(Cli.run(AudienceSyncApplication.class, args));
	}

}
