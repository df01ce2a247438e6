package dev.aloft.router.s3;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import dev.aloft.contracts.config.BucketNotificationConfig;
import dev.aloft.problems.PlatformException;
import dev.aloft.router.EventRouterProperties;
import dev.aloft.router.catalog.FunctionCatalog;
import dev.aloft.router.dispatch.Accepted;
import dev.aloft.router.dispatch.AsyncInvocations;
import dev.aloft.router.dispatch.EnqueueRequest;
import dev.aloft.router.dispatch.EventSource;
import dev.aloft.router.system.ProblemType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

/**
 * Turns object events into invocations: one per record and matching notification.
 * <p>
 * Metric {@code aloft.events.s3.notifications} ({@code outcome}: {@code enqueued},
 * {@code duplicate}, {@code function_not_found}, {@code unmatched}) counts them.
 */
@Component
class ObjectEventRouter {

	private static final Logger logger = LoggerFactory.getLogger(ObjectEventRouter.class);

	private final FunctionCatalog catalog;

	private final AsyncInvocations invocations;

	private final JsonMapper jsonMapper;

	private final EventRouterProperties router;

	private final MeterRegistry registry;

	ObjectEventRouter(FunctionCatalog catalog, AsyncInvocations invocations, JsonMapper jsonMapper,
			EventRouterProperties router, MeterRegistry registry) {
		this.catalog = catalog;
		this.invocations = invocations;
		this.jsonMapper = jsonMapper;
		this.router = router;
		this.registry = registry;
	}

	/**
	 * Enqueues the invocations the events lead to. A notification whose function does not
	 * exist is skipped (as S3 drops an event it cannot deliver); anything else that stops
	 * an enqueue is thrown, so that the sender retries (repeats are recognised).
	 * @param events the events, all checked
	 * @return the invocations enqueued (or found enqueued before)
	 * @throws PlatformException {@code CONFIGURATION_NOT_CURRENT} before the router has
	 * loaded its configuration
	 * @throws InterruptedException when interrupted
	 */
	List<UUID> route(List<ObjectEvent> events) throws InterruptedException {
		if (this.catalog.revision() < 0) {
			throw new PlatformException(ProblemType.CONFIGURATION_NOT_CURRENT,
					"The router has not loaded the configuration yet; try again shortly");
		}
		List<UUID> enqueued = new ArrayList<>();
		for (ObjectEvent event : events) {
			boolean matched = false;
			for (BucketNotificationConfig notification : this.catalog.bucketNotifications()) {
				if (NotificationFilter.matches(notification, event)) {
					matched = true;
					UUID id = enqueue(notification, event);
					if (id != null) {
						enqueued.add(id);
					}
				}
			}
			if (!matched) {
				count("unmatched");
			}
		}
		return enqueued;
	}

	private @Nullable UUID enqueue(BucketNotificationConfig notification, ObjectEvent event)
			throws InterruptedException {
		ObjectNode payload = this.jsonMapper.createObjectNode();
		payload.putArray("Records").add(event.asS3Record(notification.id(), this.router.region()));
		EnqueueRequest request = new EnqueueRequest(notification.namespace(), notification.functionName(),
				notification.qualifier(), EventSource.S3, idempotencyKey(notification, event),
				this.jsonMapper.writeValueAsBytes(payload), -1);
		try {
			Accepted accepted = this.invocations.enqueue(request);
			count(accepted.duplicate() ? "duplicate" : "enqueued");
			return accepted.invocationId();
		}
		catch (PlatformException ex) {
			if (ex.problemType() != ProblemType.FUNCTION_NOT_FOUND) {
				throw ex;
			}
			logger.warn("Bucket notification {} of namespace {} names a function that does not exist: {}",
					notification.id(), notification.namespace(), ex.getBody().getDetail());
			count("function_not_found");
			return null;
		}
	}

	private static @Nullable String idempotencyKey(BucketNotificationConfig notification, ObjectEvent event) {
		String identity = event.identity();
		if (identity.isEmpty()) {
			return null;
		}
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
			return "s3/" + notification.id() + "/" + HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	private void count(String outcome) {
		Counter.builder("aloft.events.s3.notifications")
			.description("Object events matched to bucket notifications, by what came of them")
			.tag("outcome", outcome)
			.register(this.registry)
			.increment();
	}

}
