package dev.aloft.router.dispatch;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

import dev.aloft.contracts.config.EventInvokeConfig;
import dev.aloft.contracts.config.FunctionVersionConfig;
import dev.aloft.contracts.invoke.InvokerApi;
import dev.aloft.router.EventRouterProperties;
import dev.aloft.router.catalog.FunctionCatalog;
import dev.aloft.router.catalog.Resolution;
import dev.aloft.router.dispatch.RetryPolicy.Decision;
import dev.aloft.router.invoke.InvokeCall;
import dev.aloft.router.invoke.InvokeResult;
import dev.aloft.router.invoke.InvokerClient;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Dispatches one claimed invocation: invokes the function once and settles the claim as
 * Lambda would: success (and the on-success destination), a retry later, or a failure
 * (the dead-letter store and the on-failure destination).
 */
@Component
class InvocationHandler {

	private static final Logger logger = LoggerFactory.getLogger(InvocationHandler.class);

	private final FunctionCatalog catalog;

	private final InvokerClient invokers;

	private final InvocationQueue queue;

	private final RetryPolicy policy;

	private final DestinationRecords destinations;

	private final DispatchMetrics metrics;

	private final EventRouterProperties router;

	InvocationHandler(FunctionCatalog catalog, InvokerClient invokers, InvocationQueue queue, RetryPolicy policy,
			DestinationRecords destinations, DispatchMetrics metrics, EventRouterProperties router) {
		this.catalog = catalog;
		this.invokers = invokers;
		this.queue = queue;
		this.policy = policy;
		this.destinations = destinations;
		this.metrics = metrics;
		this.router = router;
	}

	void handle(ClaimedEvent event) throws InterruptedException {
		FunctionRef function = event.function();
		EventInvokeConfig config = this.catalog.eventInvokeConfig(function.namespace(), function.functionName(),
				function.qualifier());
		Instant now = this.queue.now();
		if (this.policy.expired(event.enqueuedAt(), now, config)) {
			giveUp(event, config, DeadLetterReason.EVENT_AGE_EXCEEDED, event.attempts(), event.deferrals(),
					lastResponse(event),
					"The event is older than its maximum age of " + config.maximumEventAgeSeconds() + " seconds",
					event.executedVersion(), now);
			return;
		}
		Resolution resolution = this.catalog.resolve(function.namespace(), function.functionName(),
				function.qualifier());
		if (resolution == null) {
			if (this.catalog.revision() < event.configRevision()) {
				defer(event, config, "The router's configuration is behind revision " + event.configRevision(),
						"configuration_behind", now);
			}
			else {
				giveUp(event, config, DeadLetterReason.FUNCTION_NOT_FOUND, event.attempts(), event.deferrals(), null,
						"Function not found: " + qualifiedArn(function), event.executedVersion(), now);
			}
			return;
		}
		OptionalInt reserved = this.catalog.reservedConcurrency(function.namespace(), function.functionName());
		if (reserved.isPresent() && reserved.getAsInt() == 0) {
			giveUp(event, config, DeadLetterReason.ZERO_RESERVED_CONCURRENCY, event.attempts(), event.deferrals(), null,
					"The function's reserved concurrency is 0", event.executedVersion(), now);
			return;
		}
		InvokeResult result = this.invokers.invoke(resolution.version(), resolution.revision(),
				new InvokeCall(event.id().toString(), event.payload(), invokedArn(function), event.source().value()));
		this.metrics.dispatched(event.source(), result.kind());
		logger.debug("Invocation {} attempt ended: {}", event.id(), result.kind());
		String executedVersion = (result.executedVersion() != null) ? result.executedVersion()
				: resolution.version().version();
		now = this.queue.now();
		switch (result.kind()) {
			case SUCCESS -> succeed(event, config, result, executedVersion, now);
			case FUNCTION_ERROR -> functionFailed(event, config, result, executedVersion, now);
			case NOT_STARTED, PLATFORM_ERROR ->
				defer(event, config, result.detail(), result.kind().name().toLowerCase(Locale.ROOT), now);
			case REJECTED -> giveUp(event, config, DeadLetterReason.INVOCATION_REJECTED, event.attempts(),
					event.deferrals(), null, result.detail(), event.executedVersion(), now);
		}
	}

	private void succeed(ClaimedEvent event, EventInvokeConfig config, InvokeResult result, String executedVersion,
			Instant now) {
		int attempts = event.attempts() + 1;
		List<NewEvent> followUps = this.destinations.onSuccess(event, config, attempts,
				new DestinationRecord.Response(200, executedVersion, null, result.body()), now);
		this.queue.settle(event, Settlement.succeeded(attempts, executedVersion), followUps);
	}

	private void functionFailed(ClaimedEvent event, EventInvokeConfig config, InvokeResult result,
			String executedVersion, Instant now) {
		int attempts = event.attempts() + 1;
		Decision decision = this.policy.afterFunctionError(attempts, event.enqueuedAt(), now, config);
		if (decision.retryAt() != null) {
			if (this.queue.settle(event,
					Settlement.retry(decision.retryAt(), attempts, 0, result.detail(), result.body(), executedVersion),
					List.of())) {
				this.metrics.retried("function_error");
			}
			return;
		}
		DeadLetterReason reason = (decision.reason() != null) ? decision.reason() : DeadLetterReason.RETRIES_EXHAUSTED;
		giveUp(event, config, reason, attempts, 0,
				new DestinationRecord.Response(200, executedVersion, InvokerApi.UNHANDLED, result.body()),
				result.detail() + " on attempt " + attempts, executedVersion, now);
	}

	/**
	 * The function did not run (throttled, no capacity, no invoker) or may not have
	 * (platform error), or this router cannot tell yet whether it exists: back off.
	 */
	private void defer(ClaimedEvent event, EventInvokeConfig config, String detail, String cause, Instant now) {
		int deferrals = event.deferrals() + 1;
		Decision decision = this.policy.afterDeferral(deferrals, event.enqueuedAt(), now, config);
		if (decision.retryAt() != null) {
			if (this.queue.settle(event, Settlement.retry(decision.retryAt(), event.attempts(), deferrals, detail,
					event.lastResponse(), event.executedVersion()), List.of())) {
				this.metrics.retried(cause);
			}
			return;
		}
		giveUp(event, config, DeadLetterReason.EVENT_AGE_EXCEEDED, event.attempts(), deferrals, lastResponse(event),
				detail + "; the event reached its maximum age of " + config.maximumEventAgeSeconds() + " seconds",
				event.executedVersion(), now);
	}

	private void giveUp(ClaimedEvent event, EventInvokeConfig config, DeadLetterReason reason, int attempts,
			int deferrals, DestinationRecord.@Nullable Response response, String detail,
			@Nullable String executedVersion, Instant now) {
		List<NewEvent> followUps = this.destinations.onFailure(event, config, reason, attempts, response, now);
		Settlement settlement = Settlement.dead(reason, attempts, deferrals, detail,
				(response != null) ? response.payload() : null, executedVersion);
		if (this.queue.settle(event, settlement, followUps)) {
			this.metrics.deadLettered(reason);
			logger.warn("Invocation {} of {}/{} dead-lettered after {} attempts: {}", event.id(),
					event.function().namespace(), event.function().functionName(), attempts, reason.value());
		}
	}

	/**
	 * The answer of the last attempt that reached the function, for a failure record;
	 * null when no attempt did.
	 */
	private static DestinationRecord.@Nullable Response lastResponse(ClaimedEvent event) {
		if (event.attempts() == 0) {
			return null;
		}
		String executedVersion = (event.executedVersion() != null) ? event.executedVersion()
				: event.function().qualifier();
		byte[] payload = (event.lastResponse() != null) ? event.lastResponse() : new byte[0];
		return new DestinationRecord.Response(200, executedVersion, InvokerApi.UNHANDLED, payload);
	}

	/**
	 * The ARN the function sees as invoked: unqualified for {@code $LATEST}, as when
	 * Lambda is invoked without a qualifier.
	 */
	private String invokedArn(FunctionRef function) {
		return FunctionVersionConfig.LATEST.equals(function.qualifier())
				? this.router.functionArn(function.functionName())
				: this.router.functionArn(function.functionName(), function.qualifier());
	}

	private String qualifiedArn(FunctionRef function) {
		return this.router.functionArn(function.functionName(), function.qualifier());
	}

}
