package com.audiencesync.logging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Consumer;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Masking never alters a structured field: random timestamps, durations, decimals,
 * addresses, URLs with ports, UUIDs and execution ids, in the event's own fields and in
 * its message, MDC values and exception, come out of the console encoder Spring Boot sets
 * up (plain, ECS and logstash JSON) exactly as without masking; phone numbers, emails and
 * secrets in the message, an MDC value and an exception are masked, and nothing else is.
 */
class MaskingEncoderTests {

	/** Fixed, so that a failure can be replayed; printed with every failure. */
	private static final long SEED = 20261206203016L;

	/** Random values of each kind: timestamps, durations and loopback URLs. */
	private static final int VALUES = 100_000;

	/**
	 * Values of each kind in an event: nine in its message, one in its MDC (and its own
	 * instant, one more timestamp).
	 */
	private static final int PER_EVENT = 10;

	private static final String SECRET = "zz-key-24680-secret";

	/** The formats of {@code logging.structured.format.console}, plain first. */
	private static final List<List<String>> FORMATS = List.of(List.of(),
			List.of("--logging.structured.format.console=ecs"), List.of("--logging.structured.format.console=logstash"),
			List.of("--logging.structured.format.console=ecs", "--logging.structured.json.stacktrace.root=first"));

	private static final JsonMapper json = JsonMapper.builder().build();

	/** A timestamp formatter per precision of the fraction (0-9) and offset style. */
	private static final List<DateTimeFormatter> TIMESTAMPS = timestamps();

	@Configuration(proxyBeanMethods = false)
	static class Nothing {

	}

	@Test
	void timestampsDurationsAddressesAndIdsAreNeverAltered() {
		SplittableRandom random = new SplittableRandom(SEED);
		Logger logger = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger("com.audiencesync.batch.Run");
		List<LoggingEvent> events = new ArrayList<>(VALUES / PER_EVENT);
		for (int i = 0; i < VALUES / PER_EVENT; i++) {
			events.add(event(logger, random, i));
		}
		for (List<String> format : FORMATS.subList(0, 3)) {
			withConsoleEncoder(format, (encoder) -> {
				int altered = 0;
				String first = null;
				for (LoggingEvent event : events) {
					String plain = encode(encoder.delegate(), event);
					String masked = encode(encoder, event);
					String difference = difference(plain, masked, event);
					if (difference != null) {
						altered++;
						first = (first != null) ? first : difference;
					}
				}
				assertThat(altered)
					.as("seed %d, %s: %d of %d lines altered, the first: %s", SEED, name(format), altered,
							events.size(), first)
					.isZero();
			});
		}
	}

	@Test
	void phonesEmailsAndSecretsAreMaskedInTheMessageTheMdcAndTheException() {
		SplittableRandom random = new SplittableRandom(SEED);
		for (List<String> format : FORMATS) {
			withConsoleEncoder(format, (encoder) -> {
				Logger logger = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger("com.audiencesync.Send");
				String at = timestamp(random);
				Exception cause = new RuntimeException("vendor said (02) 345-6789 at " + at);
				LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, Level.WARN,
						"refused {} for jane.doe@example.com at {}",
						new IllegalStateException("no consent for 010-2222-3333 (lee@example.net), key " + SECRET,
								cause),
						new Object[] { "010-1234-5678", at });
				event.setMDCPropertyMap(
						Map.of("member", "+82 10-9876-5432, kim@example.org, key " + SECRET, "execution", "4711"));
				event.setKeyValuePairs(List.of(new KeyValuePair("contact", "park@example.com")));

				String plain = encode(encoder.delegate(), event);
				String masked = encode(encoder, event);

				String seed = "seed " + SEED + ", " + name(format);
				assertThat(masked).as(seed)
					.contains("refused ***-****-**78 for j***@***.com at " + at, "(**) ***-**89")
					.doesNotContain("1234-5678", "jane.doe", "9876-5432", "kim@", "2222-3333", "lee@", "345-6789",
							"park@", SECRET);
				if (format.isEmpty()) {
					// masked where personal data or the secret was, nowhere else
					assertThat(masked).as(seed).isEqualTo(LogMasking.mask(plain));
					return;
				}
				JsonNode before = json.readTree(plain);
				JsonNode after = json.readTree(masked);
				// what was logged holds the same text but for the personal data and the
				// secret; every other field is as it was
				Set<String> free = Set.of("/message", "/member", "/contact", "/error/message", "/error/stack_trace",
						"/stack_trace");
				Map<String, JsonNode> fields = fields(after);
				assertThat(fields).as(seed).containsOnlyKeys(fields(before).keySet());
				fields(before).forEach((name, value) -> assertThat(fields.get(name)).as(seed + ": " + name)
					.isEqualTo(free.contains(name) ? json.getNodeFactory().stringNode(LogMasking.mask(value.asString()))
							: value));
				assertThat(after.at("/message").asString()).as(seed)
					.isEqualTo("refused ***-****-**78 for j***@***.com at " + at);
				assertThat(masked).as(seed)
					.contains("+** **-****-**32, k***@***.org, key ******", "p***@***.com",
							"java.lang.IllegalStateException: no consent for ***-****-**33 (l***@***.net), key ******");
			});
		}
	}

	private static String name(List<String> format) {
		return format.isEmpty() ? "plain" : String.join(" ", format);
	}

	/** Why a masked line differs from the plain one, or null when it does not. */
	private static String difference(String plain, String masked, ILoggingEvent event) {
		if (!plain.startsWith("{")) {
			return (plain.equals(masked) && plain.contains(event.getFormattedMessage())) ? null
					: plain + " became " + masked;
		}
		JsonNode before = json.readTree(plain);
		JsonNode after = json.readTree(masked);
		if (!before.equals(after) || !event.getFormattedMessage().equals(after.at("/message").asString())) {
			return plain + " became " + masked;
		}
		return null;
	}

	private static LoggingEvent event(Logger logger, SplittableRandom random, int index) {
		StringBuilder message = new StringBuilder("execution {} id {} from {} [{}], x={}");
		List<Object> arguments = new ArrayList<>(
				List.of(random.nextLong(1, 10_000_000_000L), new UUID(random.nextLong(), random.nextLong()),
						ipv4(random), ipv6(random), random.nextDouble() * 1000));
		for (int i = 1; i < PER_EVENT; i++) {
			message.append("; at {} took {} via {}");
			arguments.addAll(List.of(timestamp(random), duration(random), url(random)));
		}
		Throwable thrown = null;
		if (index % 10 == 0) {
			thrown = new IllegalStateException("timed out at " + ipv4(random) + " after " + duration(random));
			thrown.setStackTrace(new StackTraceElement[] {
					new StackTraceElement("com.audiencesync.destination.Delivery", "send", "Delivery.java", 42) });
		}
		LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, Level.INFO, message.toString(), thrown,
				arguments.toArray());
		event.setInstant(Instant.ofEpochSecond(random.nextLong(946_684_800L, 4_102_444_800L), nanos(random)));
		event.setThreadName("partition-" + random.nextInt(64));
		Map<String, String> mdc = new LinkedHashMap<>();
		mdc.put("job", "groobee-demo");
		mdc.put("execution", Long.toString(random.nextLong(1, 10_000_000_000L)));
		mdc.put("started", timestamp(random));
		mdc.put("elapsed", duration(random));
		mdc.put("vendor", url(random));
		event.setMDCPropertyMap(mdc);
		return event;
	}

	/** An instant's timestamp, 0 to 9 digits of a second, Z or an offset. */
	private static String timestamp(SplittableRandom random) {
		Instant instant = Instant.ofEpochSecond(random.nextLong(946_684_800L, 4_102_444_800L), nanos(random));
		ZoneOffset offset = random.nextBoolean() ? ZoneOffset.UTC
				: ZoneOffset.ofTotalSeconds(random.nextInt(-72, 73) * 900);
		return TIMESTAMPS.get(random.nextInt(TIMESTAMPS.size())).format(instant.atOffset(offset));
	}

	/** Nanoseconds with 0 to 9 significant digits. */
	private static int nanos(SplittableRandom random) {
		int scale = (int) Math.pow(10, random.nextInt(10));
		return random.nextInt(1_000_000_000) / scale * scale;
	}

	/**
	 * Seconds with 1 to 12 decimals, often with leading zeros ({@code 0.0312345678s}), or
	 * an ISO-8601 duration ({@code PT0.031234S}, {@code PT27H46M40.5S}).
	 */
	private static String duration(SplittableRandom random) {
		if (random.nextBoolean()) {
			StringBuilder seconds = new StringBuilder().append(random.nextInt(100)).append('.');
			for (int i = 0, digits = random.nextInt(1, 13); i < digits; i++) {
				seconds.append((random.nextInt(3) == 0) ? 0 : random.nextInt(10));
			}
			return seconds.append('s').toString();
		}
		return (random.nextBoolean() ? Duration.ofNanos(random.nextLong(1, 1_000_000_000L))
				: Duration.ofSeconds(random.nextLong(0, 1_000_000L), nanos(random)))
			.toString();
	}

	private static String url(SplittableRandom random) {
		int port = random.nextInt(1, 65_536);
		return switch (random.nextInt(3)) {
			case 0 -> "http://127.0.0.1:" + port + "/groobee";
			case 1 -> "http://localhost:" + port;
			default -> "http://[::1]:" + port + "/hackle/v1";
		};
	}

	private static String ipv4(SplittableRandom random) {
		return random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256);
	}

	/** Eight groups, with leading zeros or without. */
	private static String ipv6(SplittableRandom random) {
		boolean zeros = random.nextBoolean();
		StringBuilder address = new StringBuilder();
		for (int i = 0; i < 8; i++) {
			String group = Integer.toHexString(random.nextInt(65_536));
			address.append((i > 0) ? ":" : "").append(zeros ? "0000".substring(group.length()) : "").append(group);
		}
		return address.toString();
	}

	private static List<DateTimeFormatter> timestamps() {
		List<DateTimeFormatter> formatters = new ArrayList<>();
		for (int digits = 0; digits <= 9; digits++) {
			for (String offset : List.of("+HH:MM", "+HHMM")) {
				DateTimeFormatterBuilder builder = new DateTimeFormatterBuilder()
					.appendPattern("uuuu-MM-dd'T'HH:mm:ss");
				if (digits > 0) {
					builder.appendFraction(ChronoField.NANO_OF_SECOND, digits, digits, true);
				}
				formatters.add(builder.appendOffset(offset, "Z").toFormatter());
			}
		}
		return formatters;
	}

	/** Every leaf of a JSON line by its path: /log/level, /message. */
	private static Map<String, JsonNode> fields(JsonNode node) {
		Map<String, JsonNode> fields = new LinkedHashMap<>();
		fields("", node, fields);
		return fields;
	}

	private static void fields(String path, JsonNode node, Map<String, JsonNode> fields) {
		if (node.isObject()) {
			node.properties().forEach((entry) -> fields(path + "/" + entry.getKey(), entry.getValue(), fields));
		}
		else {
			fields.put(path, node);
		}
	}

	private static String encode(ch.qos.logback.core.encoder.Encoder<ILoggingEvent> encoder, ILoggingEvent event) {
		return new String(encoder.encode(event), StandardCharsets.UTF_8);
	}

	/**
	 * Runs the test with the console encoder of an application started with these
	 * arguments (and a configured secret), as Spring Boot and {@link MaskedLogs} set it
	 * up.
	 */
	private static void withConsoleEncoder(List<String> arguments, Consumer<MaskingEncoder> test) {
		SpringApplication application = new SpringApplication(Nothing.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		List<String> args = new ArrayList<>(arguments);
		args.add("--audience-sync.destinations.groobee.api-key=" + SECRET);
		try (ConfigurableApplicationContext context = application.run(args.toArray(String[]::new))) {
			LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
			Logger root = logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
			for (Iterator<Appender<ILoggingEvent>> appenders = root.iteratorForAppenders(); appenders.hasNext();) {
				if (appenders.next() instanceof OutputStreamAppender<ILoggingEvent> appender
						&& appender.getEncoder() instanceof MaskingEncoder encoder) {
					test.accept(encoder);
					return;
				}
			}
			throw new AssertionError("no masked console appender");
		}
	}

}
