package dev.aloft.router.invoke;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.NotEmpty;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where this router runs asynchronous and event-source invocations: the internal invoke
 * API, served by invokers and relayed by gateways.
 *
 * @param urls base URLs serving the internal invoke API. Name the gateways (as the
 * standalone launcher, the compose file and the chart do): then a function's reserved
 * concurrency and its namespace's limit hold for its synchronous and asynchronous
 * invocations together, and placement prefers invokers holding warm environments.
 * Invokers named directly also work, but then the router's invocations are limited only
 * by its own count, apart from the gateways'
 * @param connectTimeout how long to wait to connect
 * @param timeoutMargin how much longer than the function's timeout to wait for a result
 * (covers a cold start)
 */
@Validated
@ConfigurationProperties("aloft.event-router.invokers")
record InvokersProperties(@NotEmpty List<URI> urls, @DefaultValue("2s") Duration connectTimeout,
		@DefaultValue("30s") Duration timeoutMargin) {

}
