package dev.aloft.invoker.runtimeapi;

import io.micrometer.observation.ObservationPredicate;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * Leaves the Runtime API's requests out of the HTTP server observations
 * ({@code http.server.requests}). Every invocation makes two of them, its runtime's
 * {@code next} (a long poll, timed mostly waiting) and {@code response}, which the
 * invocation metrics already cover, and whose long polls would skew the metric's timings.
 * Observing them also took about a tenth of the invoker's samples in a JFR profile under
 * load ({@code bench/hot-path.sh}), though the throughput it gave back was within the
 * benchmark's noise. The main port's requests, the internal invoke API among them, are
 * observed as before.
 */
@Configuration(proxyBeanMethods = false)
class RuntimeApiObservations {

	@Bean
	ObservationPredicate runtimeApiRequestsUnobserved() {
		return (name, context) -> !(context instanceof ServerRequestObservationContext request
				&& RuntimeApiServer.RUNTIME_PATH.matcher(request.getCarrier().getRequestURI()).matches());
	}

}
