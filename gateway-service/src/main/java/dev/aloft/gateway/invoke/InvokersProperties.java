package dev.aloft.gateway.invoke;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.NotEmpty;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The invokers this gateway places invocations on.
 *
 * @param urls the invokers' base URLs; no default, so a missing list fails start-up
 * @param connectTimeout how long to wait to connect to an invoker
 * @param timeoutMargin how much longer than the function's timeout to wait for a result
 * (covers a cold start)
 */
@Validated
@ConfigurationProperties("aloft.gateway.invokers")
record InvokersProperties(@NotEmpty List<URI> urls, @DefaultValue("2s") Duration connectTimeout,
		@DefaultValue("30s") Duration timeoutMargin) {

}
