package dev.aloft.gateway.invoke;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The invokers this gateway places invocations on.
 *
 * @param urls the invokers' base URLs; no default, so a missing list fails start-up; at
 * most {@value #MAX_INVOKERS} per gateway
 * @param connectTimeout how long to wait to connect to an invoker
 * @param timeoutMargin how much longer than the function's timeout to wait for a result
 * (covers a cold start)
 * @param warmthTtl how long an invoker's last word on its warm environments of a version
 * is trusted; past that, the version counts as cold there
 * @param health how unhealthy invokers are set aside and brought back
 */
@Validated
@ConfigurationProperties("aloft.gateway.invokers")
record InvokersProperties(@NotEmpty @Size(max = MAX_INVOKERS) List<URI> urls,
		@DefaultValue("2s") Duration connectTimeout, @DefaultValue("30s") Duration timeoutMargin,
		@DefaultValue("60s") Duration warmthTtl, @Valid @DefaultValue Health health) {

	/** Placement tracks the invokers an invocation has tried in one {@code long}. */
	static final int MAX_INVOKERS = 64;

	InvokersProperties {
		if (urls.size() > MAX_INVOKERS) {
			throw new IllegalArgumentException("At most " + MAX_INVOKERS + " invokers per gateway, not " + urls.size());
		}
	}

	/**
	 * Passive health: a connection failure or a {@code 503} sets an invoker aside for a
	 * back-off period, doubled at each further failure up to {@code maxBackoff}; once it
	 * ends, a probe of {@code /actuator/health/readiness} brings the invoker back.
	 *
	 * @param backoff the first back-off period
	 * @param maxBackoff the longest back-off period
	 * @param probeInterval how often the prober looks for invokers due a probe
	 */
	record Health(@DefaultValue("2s") Duration backoff, @DefaultValue("30s") Duration maxBackoff,
			@DefaultValue("500ms") Duration probeInterval) {

		Health {
			if (maxBackoff.compareTo(backoff) < 0) {
				throw new IllegalArgumentException("maxBackoff must not be shorter than backoff");
			}
			if (probeInterval.isZero() || probeInterval.isNegative()) {
				throw new IllegalArgumentException("probeInterval must be positive");
			}
		}

	}

}
