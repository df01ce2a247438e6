package dev.aloft.controlplane.eventsource;

import java.net.URI;
import java.util.UUID;

import dev.aloft.controlplane.system.CursorPage;
import dev.aloft.controlplane.system.Preconditions;
import dev.aloft.controlplane.system.PublicApi;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * {@code /v1/namespaces/{namespace}/event-source-mappings}: queues and topics the router
 * polls for functions.
 */
@PublicApi
@RestController
@RequestMapping(path = "/namespaces/{namespace}/event-source-mappings", version = "1")
class EventSourceMappingController {

	private final EventSourceMappingService mappings;

	EventSourceMappingController(EventSourceMappingService mappings) {
		this.mappings = mappings;
	}

	@PostMapping
	ResponseEntity<EventSourceMappingResponse> create(@PathVariable String namespace,
			@Valid @RequestBody EventSourceMappingRequest request) {
		EventSourceMappingResponse mapping = this.mappings.create(namespace, request);
		URI location = ServletUriComponentsBuilder.fromCurrentRequestUri()
			.path("/{id}")
			.buildAndExpand(mapping.id())
			.toUri();
		return ResponseEntity.created(location).eTag(Preconditions.eTag(mapping.entityVersion())).body(mapping);
	}

	@GetMapping
	CursorPage<EventSourceMappingResponse> list(@PathVariable String namespace,
			@RequestParam(defaultValue = "50") @Min(1) @Max(100) int limit,
			@RequestParam(required = false) @Nullable String pageToken,
			@RequestParam(required = false) @Nullable String function,
			@RequestParam(required = false) @Nullable String eventSourceArn) {
		return this.mappings.list(namespace, function, eventSourceArn, limit, pageToken);
	}

	@GetMapping("/{id}")
	ResponseEntity<EventSourceMappingResponse> get(@PathVariable String namespace, @PathVariable UUID id) {
		return current(this.mappings.get(namespace, id));
	}

	/**
	 * Replaces the mapping; needs {@code If-Match} with the ETag last read.
	 */
	@PutMapping("/{id}")
	ResponseEntity<EventSourceMappingResponse> update(@PathVariable String namespace, @PathVariable UUID id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
			@Valid @RequestBody EventSourceMappingRequest request) {
		return current(this.mappings.update(namespace, id, ifMatch, request));
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(@PathVariable String namespace, @PathVariable UUID id) {
		this.mappings.delete(namespace, id);
		return ResponseEntity.noContent().build();
	}

	private static ResponseEntity<EventSourceMappingResponse> current(EventSourceMappingResponse mapping) {
		return ResponseEntity.ok().eTag(Preconditions.eTag(mapping.entityVersion())).body(mapping);
	}

}
