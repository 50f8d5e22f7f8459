package com.audiencesync.batch;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;

/**
 * Binds a {@link Path} property as a plain file-system path. Spring's default goes
 * through resource loading, which once let Spring Cloud AWS's {@code s3://} resolver
 * build an S3 client for every path bound (that resolver is now left out: S3Resources).
 */
@Configuration(proxyBeanMethods = false)
public class PathBinding {

	@Bean
	@ConfigurationPropertiesBinding
	static Converter<String, Path> pathConverter() {
		return Path::of;
	}

}
