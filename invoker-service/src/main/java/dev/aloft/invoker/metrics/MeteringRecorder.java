package dev.aloft.invoker.metrics;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import dev.aloft.contracts.config.FunctionVersionConfig;
import dev.aloft.invoker.pool.InvocationMetrics;
import dev.aloft.invoker.pool.InvocationRecorder;
import dev.aloft.invoker.pool.InvocationResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter.MeterProvider;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Meters every ended invocation:
 * <ul>
 * <li>{@code aloft.invocations} (counter: {@code outcome}, {@code start},
 * {@code trigger})</li>
 * <li>{@code aloft.invocation.duration} (timer: {@code outcome}, {@code start}), for
 * invocations that reached an environment</li>
 * <li>{@code aloft.invocation.init.duration} (timer: {@code runtime}, {@code image} for
 * container-image functions), for cold starts</li>
 * <li>{@code aloft.invocation.queue.wait} (timer: {@code start})</li>
 * <li>{@code aloft.invocation.billed.gb.seconds} (counter)</li>
 * </ul>
 * {@code start} is {@code cold} or {@code warm}, or {@code none} for an invocation turned
 * away before it reached an environment. Tags never carry ids; {@code trigger} is capped
 * at {@value #MAX_TRIGGERS} values (the rest count as {@code other}).
 */
@Component
class MeteringRecorder implements InvocationRecorder {

	private static final Logger logger = LoggerFactory.getLogger(MeteringRecorder.class);

	/** The most distinct {@code trigger} tag values. */
	static final int MAX_TRIGGERS = 20;

	private static final Pattern TRIGGER = Pattern.compile("[a-z0-9][a-z0-9._-]{0,31}");

	private final MeterProvider<Counter> invocations;

	private final MeterProvider<Timer> duration;

	private final MeterProvider<Timer> initDuration;

	private final MeterProvider<Timer> queueWait;

	private final Counter billedGbSeconds;

	private final Map<String, String> triggers = new ConcurrentHashMap<>();

	MeteringRecorder(MeterRegistry meterRegistry) {
		this.invocations = Counter.builder("aloft.invocations")
			.description("Invocations that ended, however they ended")
			.withRegistry(meterRegistry);
		this.duration = Timer.builder("aloft.invocation.duration")
			.description("Time from hand-over to an environment to the result")
			.withRegistry(meterRegistry);
		this.initDuration = Timer.builder("aloft.invocation.init.duration")
			.description("Environment initialisation time of cold starts")
			.withRegistry(meterRegistry);
		this.queueWait = Timer.builder("aloft.invocation.queue.wait")
			.description("Time an invocation waited for an environment")
			.withRegistry(meterRegistry);
		this.billedGbSeconds = Counter.builder("aloft.invocation.billed.gb.seconds")
			.description("Billed duration times configured memory")
			.register(meterRegistry);
	}

	@Override
	public void logLine(RecordedInvocation invocation, String stream, String line) {
	}

	@Override
	public void completed(RecordedInvocation invocation, InvocationResult result) {
		try {
			InvocationMetrics metrics = result.metrics();
			String outcome = result.outcome().name();
			String start = !metrics.started() ? "none" : (metrics.coldStart() ? "cold" : "warm");
			this.invocations.withTags("outcome", outcome, "start", start, "trigger", trigger(invocation.trigger()))
				.increment();
			this.queueWait.withTags("start", start).record(millis(metrics.queueWaitMillis()));
			if (metrics.started()) {
				this.duration.withTags("outcome", outcome, "start", start).record(millis(metrics.durationMillis()));
				this.billedGbSeconds.increment(metrics.gigabyteSeconds());
			}
			if (metrics.started() && metrics.coldStart()) {
				this.initDuration.withTags("runtime", runtime(invocation.function()))
					.record(millis(metrics.initDurationMillis()));
			}
		}
		catch (RuntimeException ex) {
			logger.debug("Could not meter invocation {}: {}", invocation.requestId(), ex.toString());
		}
	}

	/**
	 * The runtime as a tag value: a container-image function has none, and its image is
	 * not a tag (unbounded).
	 */
	static String runtime(FunctionVersionConfig function) {
		return FunctionVersionConfig.IMAGE.equals(function.packageType()) ? "image" : function.runtime();
	}

	/**
	 * The trigger as a tag value: lower-case, short, and one of at most
	 * {@value #MAX_TRIGGERS}.
	 */
	String trigger(String trigger) {
		String value = trigger.toLowerCase(Locale.ROOT);
		if (!TRIGGER.matcher(value).matches()) {
			return "other";
		}
		String known = this.triggers.get(value);
		if (known != null) {
			return known;
		}
		if (this.triggers.size() >= MAX_TRIGGERS) {
			return "other";
		}
		return this.triggers.computeIfAbsent(value, (key) -> key);
	}

	private static Duration millis(double millis) {
		return Duration.ofNanos(Math.max(0, Math.round(millis * 1_000_000)));
	}

}
