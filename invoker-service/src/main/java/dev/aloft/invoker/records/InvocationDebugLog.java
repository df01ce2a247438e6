package dev.aloft.invoker.records;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.aloft.contracts.config.FunctionVersionConfig;
import dev.aloft.invoker.pool.InvocationMetrics;
import dev.aloft.invoker.pool.InvocationRecorder;
import dev.aloft.invoker.pool.InvocationResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.stereotype.Component;

/**
 * Logs each ended invocation at DEBUG, with the MDC keys {@value #INVOCATION_ID},
 * {@value #NAMESPACE}, {@value #FUNCTION} and {@value #FUNCTION_VERSION}, so structured
 * logs can be searched by invocation. It logs what the invocation did and cost, never its
 * payload, its output or its environment.
 */
@Component
class InvocationDebugLog implements InvocationRecorder {

	static final String INVOCATION_ID = "invocationId";

	static final String NAMESPACE = "namespace";

	static final String FUNCTION = "function";

	static final String FUNCTION_VERSION = "functionVersion";

	private static final Logger logger = LoggerFactory.getLogger(InvocationDebugLog.class);

	@Override
	public void logLine(RecordedInvocation invocation, String stream, String line) {
		// Function output is data: it may hold anything, so it is never logged here.
	}

	@Override
	public void completed(RecordedInvocation invocation, InvocationResult result) {
		if (!logger.isDebugEnabled()) {
			return;
		}
		FunctionVersionConfig function = invocation.function();
		Map<String, String> context = new LinkedHashMap<>();
		context.put(INVOCATION_ID, invocation.requestId());
		context.put(NAMESPACE, function.namespace());
		context.put(FUNCTION, function.functionName());
		context.put(FUNCTION_VERSION, result.executedVersion());
		Map<String, String> previous = new LinkedHashMap<>();
		context.forEach((key, value) -> {
			String before = MDC.get(key);
			if (before != null) {
				previous.put(key, before);
			}
			MDC.put(key, value);
		});
		try {
			InvocationMetrics metrics = result.metrics();
			logger.debug(
					"Invocation ended {}{}: {} start, trigger {}, queued {} ms, init {} ms, ran {} ms, billed {} ms at {} MB",
					result.outcome(), (result.errorType() != null) ? " (" + result.errorType() + ")" : "",
					metrics.started() ? (metrics.coldStart() ? "cold" : "warm") : "no", invocation.trigger(),
					metrics.queueWaitMillis(), metrics.initDurationMillis(), metrics.durationMillis(),
					metrics.billedDurationMillis(), metrics.memorySizeMb());
		}
		finally {
			context.keySet().forEach((key) -> {
				String before = previous.get(key);
				if (before != null) {
					MDC.put(key, before);
				}
				else {
					MDC.remove(key);
				}
			});
		}
	}

}
