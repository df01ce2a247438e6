package dev.aloft.router.invoke;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.NotEmpty;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The invokers this router runs asynchronous invocations on.
 *
 * @param urls the invokers' base URLs; defaults to the invoker on this machine at its
 * default port, which is where the standalone launcher runs it
 * @param connectTimeout how long to wait to connect to an invoker
 * @param timeoutMargin how much longer than the function's timeout to wait for a result
 * (covers a cold start)
 */
@Validated
@ConfigurationProperties("aloft.event-router.invokers")
record InvokersProperties(@NotEmpty List<URI> urls, @DefaultValue("2s") Duration connectTimeout,
		@DefaultValue("30s") Duration timeoutMargin) {

}
