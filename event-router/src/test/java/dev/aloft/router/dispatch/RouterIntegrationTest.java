package dev.aloft.router.dispatch;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.aloft.testsupport.PostgresTestDatabaseInitializer;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * The router on its own PostgreSQL database, on a random port, with Lambda's minutes of
 * retry delay shrunk to milliseconds. Each test class points it at its own fakes with a
 * {@code @DynamicPropertySource} ({@link RouterFakes#register}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"aloft.event-router.dispatch.poll-interval=50ms", "aloft.event-router.dispatch.lease-duration=3s",
		"aloft.event-router.dispatch.retry.function-error-delays=100ms,200ms",
		"aloft.event-router.dispatch.retry.backoff-initial=50ms", "aloft.event-router.dispatch.retry.backoff-max=200ms",
		"aloft.event-router.dispatch.delivery.max-attempts=3", "aloft.event-router.control-plane.revision-wait=1s",
		"aloft.event-router.invokers.connect-timeout=1s" })
@ContextConfiguration(initializers = PostgresTestDatabaseInitializer.class)
public @interface RouterIntegrationTest {

}
