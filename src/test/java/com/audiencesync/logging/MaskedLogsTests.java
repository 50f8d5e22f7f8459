package com.audiencesync.logging;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Any Spring application of audience-sync logs through the masking layer: once Spring
 * Boot has set logging up, every appender's lines come out masked, the configured secrets
 * included, in the plain and the structured formats.
 */
class MaskedLogsTests {

	@Configuration(proxyBeanMethods = false)
	static class Nothing {

	}

	@Test
	void everyAppenderMasksPhonesEmailsAndConfiguredSecrets() {
		for (String format : List.of("", "--logging.structured.format.console=ecs")) {
			SpringApplication application = new SpringApplication(Nothing.class);
			application.setWebApplicationType(WebApplicationType.NONE);
			List<String> args = new ArrayList<>(List.of("--audience-sync.destinations.groobee.api-key=zz-key-98765"));
			if (!format.isEmpty()) {
				args.add(format);
			}
			try (ConfigurableApplicationContext context = application.run(args.toArray(String[]::new))) {
				LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
				Logger logger = logback.getLogger("com.audiencesync.test");
				ILoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, Level.WARN,
						"key zz-key-98765 refused 010-1234-5678 for jane.doe@example.com", null, null);

				List<String> lines = lines(logback, event);

				assertThat(lines).as(format).isNotEmpty().allSatisfy((line) -> {
					assertThat(line).contains("refused").contains("***-****-**78");
					assertThat(line).doesNotContain("zz-key-98765")
						.doesNotContain("1234-5678")
						.doesNotContain("jane.doe");
				});
			}
		}
	}

	private static List<String> lines(LoggerContext logback, ILoggingEvent event) {
		List<String> lines = new ArrayList<>();
		Logger root = logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		for (Iterator<Appender<ILoggingEvent>> appenders = root.iteratorForAppenders(); appenders.hasNext();) {
			if (appenders.next() instanceof OutputStreamAppender<ILoggingEvent> appender) {
				assertThat(appender.getEncoder()).isInstanceOf(MaskingEncoder.class);
				lines.add(new String(appender.getEncoder().encode(event), StandardCharsets.UTF_8));
			}
		}
		return lines;
	}

}
