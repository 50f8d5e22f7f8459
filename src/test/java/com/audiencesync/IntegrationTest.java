package com.audiencesync;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * A test that starts the application context (without running the command line) on an
 * in-memory H2 job repository, with retries that do not wait (the backoff is computed,
 * not slept).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(properties = { "spring.datasource.url=jdbc:h2:mem:audience-sync-${random.uuid};DB_CLOSE_DELAY=-1",
		"audience-sync.retry.sleep=false" })
public @interface IntegrationTest {

}
