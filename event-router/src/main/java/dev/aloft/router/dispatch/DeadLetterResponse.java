package dev.aloft.router.dispatch;

import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * A dead letter. Lists leave the payload out; reading one dead letter includes it, in
 * base64 (events are opaque bytes).
 *
 * @param id the row's id (for an invocation, its request id)
 * @param kind {@code INVOCATION} or {@code DELIVERY} (a destination record)
 * @param namespace the function's namespace
 * @param function the function invoked, or the one a record is about
 * @param qualifier the qualifier invoked
 * @param source what produced it
 * @param destination where a destination record was going
 * @param reason why it was dead-lettered, e.g. {@code RetriesExhausted}
 * @param attempts attempts that reached the function (or the destination)
 * @param lastError what went wrong last
 * @param enqueuedAt when it was accepted (or last redriven)
 * @param deadLetteredAt when it was dead-lettered
 * @param payloadSizeBytes the payload's size
 * @param payloadBase64 the payload, when reading one dead letter
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record DeadLetterResponse(UUID id, String kind, String namespace, String function, String qualifier, String source,
		@Nullable String destination, @Nullable String reason, int attempts, @Nullable String lastError,
		Instant enqueuedAt, @Nullable Instant deadLetteredAt, long payloadSizeBytes, @Nullable String payloadBase64) {

	static DeadLetterResponse summary(StoredEvent event) {
		return of(event, null);
	}

	static DeadLetterResponse detail(StoredEvent event) {
		return of(event, Base64.getEncoder().encodeToString(event.payload()));
	}

	private static DeadLetterResponse of(StoredEvent event, @Nullable String payloadBase64) {
		return new DeadLetterResponse(event.id(), event.kind().name(), event.function().namespace(),
				event.function().functionName(), event.function().qualifier(), event.source(), event.destination(),
				event.deadLetterReason(), event.attempts(), event.lastError(), event.enqueuedAt(), event.completedAt(),
				event.payloadSizeBytes(), payloadBase64);
	}

	/**
	 * A page of dead letters ({@code ?limit=&pageToken=}).
	 *
	 * @param items the dead letters, oldest first
	 * @param nextPageToken the token of the next page, or null on the last
	 */
	record Page(List<DeadLetterResponse> items, @Nullable String nextPageToken) {

		static Page from(DeadLetters.Page page) {
			return new Page(page.items().stream().map(DeadLetterResponse::summary).toList(), page.nextPageToken());
		}

	}

}
