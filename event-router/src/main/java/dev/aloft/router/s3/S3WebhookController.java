package dev.aloft.router.s3;

import java.util.List;
import java.util.UUID;

import dev.aloft.problems.PlatformException;
import dev.aloft.router.system.ProblemType;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /webhooks/s3}: where MinIO's webhook notification target posts object
 * events ({@code {"EventName":…,"Key":…,"Records":[…]}}). Answers {@code 200} with the
 * invocations enqueued, {@code 401} without the configured token, {@code 400} for a body
 * that is not S3 event records (and then enqueues nothing), {@code 503} while the
 * router's configuration is not loaded (the sender retries).
 */
@RestController
class S3WebhookController {

	private final S3WebhookProperties properties;

	private final ObjectEventRouter router;

	private final JsonMapper jsonMapper;

	S3WebhookController(S3WebhookProperties properties, ObjectEventRouter router, JsonMapper jsonMapper) {
		this.properties = properties;
		this.router = router;
		this.jsonMapper = jsonMapper;
	}

	@PostMapping(path = "/webhooks/s3")
	WebhookResponse receive(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String auth,
			@RequestBody(required = false) byte @Nullable [] body) throws InterruptedException {
		if (!this.properties.accepts(auth)) {
			throw new PlatformException(ProblemType.UNAUTHENTICATED,
					this.properties.configured()
							? "The object-event webhook needs its token: Authorization: Bearer <token>"
							: "The object-event webhook is closed: set aloft.event-router.s3.webhook-token");
		}
		List<ObjectEvent> events = ObjectEvent.readAll(this.jsonMapper, body);
		return new WebhookResponse(events.size(), this.router.route(events));
	}

	/**
	 * What a webhook call led to.
	 *
	 * @param records the records received
	 * @param invocationIds the invocations enqueued for them (or enqueued before, for a
	 * repeated event)
	 */
	record WebhookResponse(int records, List<UUID> invocationIds) {
	}

}
