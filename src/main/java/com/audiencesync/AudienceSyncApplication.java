package com.audiencesync;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class AudienceSyncApplication {

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(AudienceSyncApplication.class);
		// the CLI's own hook stops a running job at a chunk boundary before closing
		application.setRegisterShutdownHook(false);
		System.exit(SpringApplication.exit(application.run(args)));
	}

}
