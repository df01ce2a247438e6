package dev.aloft.router.dispatch;

import java.util.UUID;

import dev.aloft.problems.PlatformException;
import dev.aloft.router.dispatch.AsyncInvocationController.EnqueueResponse;
import dev.aloft.router.system.ProblemType;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The dead-letter store's API: list ({@code ?namespace=&function=&limit=&pageToken=}),
 * inspect, redrive (202, back in the queue under the same id) and discard (204).
 */
@RestController
class DeadLetterController {

	private final DeadLetters deadLetters;

	DeadLetterController(DeadLetters deadLetters) {
		this.deadLetters = deadLetters;
	}

	@GetMapping("/internal/v1/dead-letters")
	DeadLetterResponse.Page list(@RequestParam(required = false) @Nullable String namespace,
			@RequestParam(required = false) @Nullable String function,
			@RequestParam(defaultValue = "50") @Min(1) @Max(1000) int limit,
			@RequestParam(required = false) @Nullable String pageToken) {
		return DeadLetterResponse.Page.from(this.deadLetters.list(namespace, function, limit, pageToken));
	}

	@GetMapping("/internal/v1/dead-letters/{id}")
	DeadLetterResponse get(@PathVariable UUID id) {
		return this.deadLetters.find(id).map(DeadLetterResponse::detail).orElseThrow(() -> notFound(id));
	}

	@PostMapping("/internal/v1/dead-letters/{id}/redrive")
	ResponseEntity<EnqueueResponse> redrive(@PathVariable UUID id) {
		if (!this.deadLetters.redrive(id)) {
			throw notFound(id);
		}
		return ResponseEntity.accepted().location(AsyncInvocationController.location(id)).body(new EnqueueResponse(id));
	}

	@DeleteMapping("/internal/v1/dead-letters/{id}")
	ResponseEntity<Void> discard(@PathVariable UUID id) {
		if (!this.deadLetters.discard(id)) {
			throw notFound(id);
		}
		return ResponseEntity.noContent().build();
	}

	private static PlatformException notFound(UUID id) {
		return new PlatformException(ProblemType.DEAD_LETTER_NOT_FOUND, "No dead letter " + id);
	}

}
