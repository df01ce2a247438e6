package dev.aloft.gateway.catalog;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the control plane's configuration feed is.
 *
 * @param url the control plane's base URL; no default, so a missing one fails start-up
 * @param pollWait how long a feed long-poll may be held open
 * @param requestTimeout how long other feed requests may take
 * @param retryDelay how long to wait before retrying after the feed fails
 */
@Validated
@ConfigurationProperties("aloft.gateway.control-plane")
public record ControlPlaneProperties(@NotNull URI url, @DefaultValue("30s") Duration pollWait,
		@DefaultValue("10s") Duration requestTimeout, @DefaultValue("1s") Duration retryDelay) {

}
