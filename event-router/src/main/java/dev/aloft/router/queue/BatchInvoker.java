package dev.aloft.router.queue;

import java.util.Locale;
import java.util.OptionalInt;
import java.util.UUID;

import dev.aloft.contracts.config.EventSourceMappingConfig;
import dev.aloft.contracts.config.FunctionVersionConfig;
import dev.aloft.router.EventRouterProperties;
import dev.aloft.router.catalog.FunctionCatalog;
import dev.aloft.router.catalog.Resolution;
import dev.aloft.router.dispatch.AsyncInvocations;
import dev.aloft.router.dispatch.EventSource;
import dev.aloft.router.invoke.InvokeCall;
import dev.aloft.router.invoke.InvokeResult;
import dev.aloft.router.invoke.InvokeResult.Kind;
import dev.aloft.router.invoke.InvokerClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Invokes a mapping's function synchronously with a batch, as Lambda's pollers do, and
 * counts how batches and records end.
 */
@Component
class BatchInvoker {

	private static final byte[] NO_BODY = new byte[0];

	private final FunctionCatalog catalog;

	private final InvokerClient invokers;

	private final EventRouterProperties router;

	private final MeterRegistry registry;

	private final AsyncInvocations invocations;

	BatchInvoker(FunctionCatalog catalog, InvokerClient invokers, EventRouterProperties router, MeterRegistry registry,
			AsyncInvocations invocations) {
		this.catalog = catalog;
		this.invokers = invokers;
		this.router = router;
		this.registry = registry;
		this.invocations = invocations;
	}

	/**
	 * Whether a mapping's function must not be invoked now (reserved concurrency 0): its
	 * consumer leaves the records where they are.
	 */
	boolean paused(EventSourceMappingConfig mapping) {
		OptionalInt reserved = this.catalog.reservedConcurrency(mapping.namespace(), mapping.functionName());
		return reserved.isPresent() && reserved.getAsInt() == 0;
	}

	/**
	 * The region records name.
	 */
	String region() {
		return this.router.region();
	}

	/**
	 * The version a mapping's qualifier runs now, for its timeout.
	 */
	@Nullable FunctionVersionConfig version(EventSourceMappingConfig mapping) {
		Resolution resolution = this.catalog.resolve(mapping.namespace(), mapping.functionName(), mapping.qualifier());
		return (resolution != null) ? resolution.version() : null;
	}

	/**
	 * Invokes the function once with a batch.
	 * @param mapping the mapping
	 * @param payload the event
	 * @param source the kind of source, for records and metrics
	 * @return how it ended; {@code NOT_STARTED} when the function may not run now,
	 * {@code REJECTED} when it does not exist
	 * @throws InterruptedException when interrupted
	 */
	InvokeResult invoke(EventSourceMappingConfig mapping, byte[] payload, EventSource source)
			throws InterruptedException {
		return invoke(mapping, payload, source, UUID.randomUUID().toString());
	}

	/**
	 * Invokes the function once with a batch, under a request id of the caller's, so that
	 * a failure record can name the invocation it is about.
	 * @param mapping the mapping
	 * @param payload the event
	 * @param source the kind of source, for records and metrics
	 * @param requestId the invocation's request id
	 * @return how it ended, as
	 * {@link #invoke(EventSourceMappingConfig, byte[], EventSource)}
	 * @throws InterruptedException when interrupted
	 */
	InvokeResult invoke(EventSourceMappingConfig mapping, byte[] payload, EventSource source, String requestId)
			throws InterruptedException {
		InvokeResult result;
		Resolution resolution = this.catalog.resolve(mapping.namespace(), mapping.functionName(), mapping.qualifier());
		if (paused(mapping)) {
			result = new InvokeResult(Kind.NOT_STARTED, 429, null, null, NO_BODY,
					"The function's reserved concurrency is 0");
		}
		else if (resolution == null) {
			result = new InvokeResult(Kind.REJECTED, 404, null, null, NO_BODY,
					"Function not found: " + this.router.functionArn(mapping.functionName(), mapping.qualifier()));
		}
		else {
			result = this.invokers.invoke(resolution.version(), resolution.revision(),
					new InvokeCall(requestId, payload, functionArn(mapping), source.value()));
		}
		Counter.builder("aloft.events.dispatched")
			.description("Attempts to invoke a function with a queued event")
			.tag("source", source.value())
			.tag("outcome", result.kind().name().toLowerCase(Locale.ROOT))
			.register(this.registry)
			.increment();
		return result;
	}

	/**
	 * The ARN a mapping invokes: unqualified for {@code $LATEST}, as Lambda names it.
	 * @param mapping the mapping
	 * @return the ARN
	 */
	String functionArn(EventSourceMappingConfig mapping) {
		return FunctionVersionConfig.LATEST.equals(mapping.qualifier())
				? this.router.functionArn(mapping.functionName())
				: this.router.functionArn(mapping.functionName(), mapping.qualifier());
	}

	/**
	 * Hands a failure record to the queue for delivery to the mapping's on-failure
	 * destination; once this returns, the record is durable.
	 * @param mapping the mapping
	 * @param destination its on-failure destination
	 * @param record the record's JSON
	 */
	void deliverFailure(EventSourceMappingConfig mapping, String destination, byte[] record) {
		this.invocations.enqueueDelivery(mapping.namespace(), mapping.functionName(), mapping.qualifier(), destination,
				record);
	}

	/**
	 * Counts records by how they ended.
	 * @param source the kind of source
	 * @param outcome {@code succeeded}, {@code failed}, {@code dead_lettered},
	 * {@code dropped} or {@code on_failure_destination}
	 * @param records how many
	 */
	void records(EventSource source, String outcome, int records) {
		if (records > 0) {
			Counter.builder("aloft.events.source.records")
				.description("Records consumed from queue sources, by how they ended")
				.tag("source", source.value())
				.tag("outcome", outcome)
				.register(this.registry)
				.increment(records);
		}
	}

}
