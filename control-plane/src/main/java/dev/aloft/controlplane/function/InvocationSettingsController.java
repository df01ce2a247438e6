package dev.aloft.controlplane.function;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.aloft.contracts.config.EventInvokeConfig;
import dev.aloft.controlplane.system.CursorPage;
import dev.aloft.controlplane.system.ProblemType;
import dev.aloft.controlplane.system.PublicApi;
import dev.aloft.problems.PlatformException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v1/namespaces/{namespace}/functions/{function}/concurrency} and
 * {@code .../event-invoke-configs/{qualifier}}: how a function may be invoked.
 */
@PublicApi
@RestController
@RequestMapping(path = "/namespaces/{namespace}/functions/{function}", version = "1")
class InvocationSettingsController {

	private final InvocationSettingsService settings;

	InvocationSettingsController(InvocationSettingsService settings) {
		this.settings = settings;
	}

	@PutMapping("/concurrency")
	ConcurrencyBody reserveConcurrency(@PathVariable String namespace, @PathVariable String function,
			@Valid @RequestBody ConcurrencyBody request) {
		return new ConcurrencyBody(
				this.settings.reserveConcurrency(namespace, function, request.reservedConcurrency()));
	}

	@GetMapping("/concurrency")
	ConcurrencyBody concurrency(@PathVariable String namespace, @PathVariable String function) {
		return new ConcurrencyBody(this.settings.reservedConcurrency(namespace, function)
			.orElseThrow(() -> new PlatformException(ProblemType.SETTING_NOT_FOUND,
					"Function " + function + " has no reserved concurrency")));
	}

	@DeleteMapping("/concurrency")
	ResponseEntity<Void> releaseConcurrency(@PathVariable String namespace, @PathVariable String function) {
		this.settings.releaseConcurrency(namespace, function);
		return ResponseEntity.noContent().build();
	}

	@PutMapping("/event-invoke-configs/{qualifier}")
	EventInvokeResponse configureEventInvoke(@PathVariable String namespace, @PathVariable String function,
			@PathVariable String qualifier, @Valid @RequestBody EventInvokeRequest request) {
		return EventInvokeResponse.from(namespace, function,
				this.settings.configureEventInvoke(namespace, function, qualifier, request));
	}

	@GetMapping("/event-invoke-configs/{qualifier}")
	EventInvokeResponse eventInvoke(@PathVariable String namespace, @PathVariable String function,
			@PathVariable String qualifier) {
		return EventInvokeResponse.from(namespace, function, this.settings.eventInvoke(namespace, function, qualifier));
	}

	@GetMapping("/event-invoke-configs")
	CursorPage<EventInvokeResponse> eventInvokes(@PathVariable String namespace, @PathVariable String function) {
		List<EventInvokeResponse> items = this.settings.eventInvokes(namespace, function)
			.stream()
			.map((item) -> EventInvokeResponse.from(namespace, function, item))
			.toList();
		return new CursorPage<>(items, null);
	}

	@DeleteMapping("/event-invoke-configs/{qualifier}")
	ResponseEntity<Void> removeEventInvoke(@PathVariable String namespace, @PathVariable String function,
			@PathVariable String qualifier) {
		this.settings.removeEventInvoke(namespace, function, qualifier);
		return ResponseEntity.noContent().build();
	}

	/**
	 * A function's reserved concurrency.
	 *
	 * @param reservedConcurrency the most concurrent invocations; 0 stops the function
	 */
	record ConcurrencyBody(@NotNull @Min(0) Integer reservedConcurrency) {
	}

	/**
	 * Asynchronous invocation settings as the API shows them.
	 *
	 * @param qualifier the qualifier they apply to
	 * @param maximumRetryAttempts retries after a function error
	 * @param maximumEventAgeSeconds how long an event may wait
	 * @param onSuccessDestination where success records go
	 * @param onFailureDestination where failure records go
	 * @param updatedAt when they last changed
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record EventInvokeResponse(String qualifier, int maximumRetryAttempts, int maximumEventAgeSeconds,
			@Nullable String onSuccessDestination, @Nullable String onFailureDestination, Instant updatedAt) {

		static EventInvokeResponse from(String namespace, String function, EventInvokeSettings settings) {
			EventInvokeConfig config = settings.config(namespace, function);
			return new EventInvokeResponse(config.qualifier(), config.maximumRetryAttempts(),
					config.maximumEventAgeSeconds(), config.onSuccessDestination(), config.onFailureDestination(),
					settings.updatedAt());
		}

	}

}
