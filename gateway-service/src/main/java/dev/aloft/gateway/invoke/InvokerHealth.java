package dev.aloft.gateway.invoke;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.aloft.http.HttpAnswer;
import dev.aloft.http.HttpRequestLine;
import dev.aloft.http.PooledHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passive health of the invokers, with a background probe to bring them back: a
 * connection failure or a {@code 503} sets an invoker aside for a back-off period; once
 * it ends, {@code GET /actuator/health/readiness} answering {@code 200} brings the
 * invoker back, anything else doubles the back-off (up to its maximum). Any answer other
 * than a {@code 503} from the invoker itself also brings it back.
 */
final class InvokerHealth implements AutoCloseable {

	static final String READINESS_PATH = "/actuator/health/readiness";

	private static final Logger logger = LoggerFactory.getLogger(InvokerHealth.class);

	private static final HttpRequestLine PROBE = new HttpRequestLine("GET", READINESS_PATH,
			List.of(Map.entry("Accept", "application/json")), new byte[0]);

	private final List<InvokerTarget> targets;

	private final PooledHttpClient httpClient;

	private final long backoffNanos;

	private final long maxBackoffNanos;

	private final Duration probeTimeout;

	private final ScheduledExecutorService prober;

	InvokerHealth(List<InvokerTarget> targets, PooledHttpClient httpClient, InvokersProperties.Health properties,
			Duration probeTimeout) {
		this.targets = targets;
		this.httpClient = httpClient;
		this.backoffNanos = properties.backoff().toNanos();
		this.maxBackoffNanos = properties.maxBackoff().toNanos();
		this.probeTimeout = probeTimeout;
		this.prober = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("invoker-health-probe").factory());
		long interval = properties.probeInterval().toMillis();
		this.prober.scheduleWithFixedDelay(this::probeDue, interval, interval, TimeUnit.MILLISECONDS);
	}

	void failed(InvokerTarget target, String reason) {
		if (target.markUnhealthy(System.nanoTime(), this.backoffNanos, this.maxBackoffNanos)) {
			logger.warn("Invoker {} is unhealthy ({}); placing elsewhere until it is ready again", target, reason);
		}
	}

	void answered(InvokerTarget target) {
		if (!target.healthy() && target.markHealthy()) {
			logger.info("Invoker {} answered again and is back in placement", target);
		}
	}

	private void probeDue() {
		long now = System.nanoTime();
		for (InvokerTarget target : this.targets) {
			if (target.probeDue(now)) {
				probe(target);
			}
		}
	}

	private void probe(InvokerTarget target) {
		try {
			HttpAnswer answer = this.httpClient.send(target.uri(), PROBE, this.probeTimeout);
			if (answer.status() == 200) {
				if (target.markHealthy()) {
					logger.info("Invoker {} is ready again and back in placement", target);
				}
				return;
			}
			target.markUnhealthy(System.nanoTime(), this.backoffNanos, this.maxBackoffNanos);
			logger.debug("Invoker {} is not ready yet: {}", target, answer.status());
		}
		catch (IOException | RuntimeException ex) {
			target.markUnhealthy(System.nanoTime(), this.backoffNanos, this.maxBackoffNanos);
			logger.debug("Invoker {} did not answer its readiness probe: {}", target, ex.toString());
		}
	}

	@Override
	public void close() {
		this.prober.shutdownNow();
	}

}
