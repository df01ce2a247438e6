package dev.aloft.router.dispatch;

import java.time.Instant;
import java.util.List;

import dev.aloft.contracts.config.EventInvokeConfig;
import dev.aloft.router.EventRouterProperties;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Turns an invocation's outcome into the delivery of its destination record, when its
 * qualifier has an on-success or on-failure destination. The delivery is a queued row
 * written in the same transaction as the outcome, so a record is never lost between the
 * two.
 */
@Component
class DestinationRecords {

	private final JsonMapper jsonMapper;

	private final EventRouterProperties router;

	DestinationRecords(JsonMapper jsonMapper, EventRouterProperties router) {
		this.jsonMapper = jsonMapper;
		this.router = router;
	}

	/**
	 * The delivery of a success record, if the qualifier has an on-success destination.
	 */
	List<NewEvent> onSuccess(ClaimedEvent event, EventInvokeConfig config, int attempts,
			DestinationRecord.Response response, Instant now) {
		return deliver(event, config.onSuccessDestination(), DestinationRecord.SUCCESS, attempts, response, now);
	}

	/**
	 * The delivery of a failure record, if the qualifier has an on-failure destination.
	 * @param response what the last attempt that reached the function answered, or null
	 * when none did
	 */
	List<NewEvent> onFailure(ClaimedEvent event, EventInvokeConfig config, DeadLetterReason reason, int attempts,
			DestinationRecord.@Nullable Response response, Instant now) {
		if (!reason.failureCondition()) {
			return List.of();
		}
		return deliver(event, config.onFailureDestination(), reason.value(), attempts, response, now);
	}

	private List<NewEvent> deliver(ClaimedEvent event, @Nullable String destination, String condition, int attempts,
			DestinationRecord.@Nullable Response response, Instant now) {
		if (destination == null || destination.isBlank()) {
			return List.of();
		}
		FunctionRef function = event.function();
		DestinationRecord.Request request = new DestinationRecord.Request(now, event.id(),
				this.router.functionArn(function.functionName(), function.qualifier()), condition, attempts,
				event.payload());
		byte[] record = DestinationRecord.write(this.jsonMapper, request, response);
		return List.of(NewEvent.delivery(function, destination, record, event.configRevision()));
	}

}
