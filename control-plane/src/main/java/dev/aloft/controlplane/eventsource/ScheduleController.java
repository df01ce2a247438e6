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
 * {@code /v1/namespaces/{namespace}/schedules}: rate, cron and at schedules that invoke
 * functions.
 */
@PublicApi
@RestController
@RequestMapping(path = "/namespaces/{namespace}/schedules", version = "1")
class ScheduleController {

	private final ScheduleService schedules;

	ScheduleController(ScheduleService schedules) {
		this.schedules = schedules;
	}

	@PostMapping
	ResponseEntity<ScheduleResponse> create(@PathVariable String namespace,
			@Valid @RequestBody ScheduleRequest request) {
		ScheduleResponse schedule = this.schedules.create(namespace, request);
		URI location = ServletUriComponentsBuilder.fromCurrentRequestUri()
			.path("/{id}")
			.buildAndExpand(schedule.id())
			.toUri();
		return ResponseEntity.created(location).eTag(Preconditions.eTag(schedule.entityVersion())).body(schedule);
	}

	@GetMapping
	CursorPage<ScheduleResponse> list(@PathVariable String namespace,
			@RequestParam(defaultValue = "50") @Min(1) @Max(100) int limit,
			@RequestParam(required = false) @Nullable String pageToken) {
		return this.schedules.list(namespace, limit, pageToken);
	}

	@GetMapping("/{id}")
	ResponseEntity<ScheduleResponse> get(@PathVariable String namespace, @PathVariable UUID id) {
		return current(this.schedules.get(namespace, id));
	}

	/**
	 * Replaces the schedule; needs {@code If-Match} with the ETag last read.
	 */
	@PutMapping("/{id}")
	ResponseEntity<ScheduleResponse> update(@PathVariable String namespace, @PathVariable UUID id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
			@Valid @RequestBody ScheduleRequest request) {
		return current(this.schedules.update(namespace, id, ifMatch, request));
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(@PathVariable String namespace, @PathVariable UUID id) {
		this.schedules.delete(namespace, id);
		return ResponseEntity.noContent().build();
	}

	private static ResponseEntity<ScheduleResponse> current(ScheduleResponse schedule) {
		return ResponseEntity.ok().eTag(Preconditions.eTag(schedule.entityVersion())).body(schedule);
	}

}
