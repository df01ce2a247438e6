package dev.aloft.gateway.invoke;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where asynchronous invocations go: the event router's durable queue.
 *
 * @param url the router's base URL; no default, so a missing one fails start-up
 * @param timeout how long the router may take to store an event
 */
@Validated
@ConfigurationProperties("aloft.gateway.event-router")
record EventRouterProperties(@NotNull URI url, @DefaultValue("10s") Duration timeout) {

}
