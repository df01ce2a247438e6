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
 * {@code /v1/namespaces/{namespace}/bucket-notifications}: object events of buckets that
 * invoke functions.
 */
@PublicApi
@RestController
@RequestMapping(path = "/namespaces/{namespace}/bucket-notifications", version = "1")
class BucketNotificationController {

	private final BucketNotificationService notifications;

	BucketNotificationController(BucketNotificationService notifications) {
		this.notifications = notifications;
	}

	@PostMapping
	ResponseEntity<BucketNotificationResponse> create(@PathVariable String namespace,
			@Valid @RequestBody BucketNotificationRequest request) {
		BucketNotificationResponse notification = this.notifications.create(namespace, request);
		URI location = ServletUriComponentsBuilder.fromCurrentRequestUri()
			.path("/{id}")
			.buildAndExpand(notification.id())
			.toUri();
		return ResponseEntity.created(location)
			.eTag(Preconditions.eTag(notification.entityVersion()))
			.body(notification);
	}

	@GetMapping
	CursorPage<BucketNotificationResponse> list(@PathVariable String namespace,
			@RequestParam(defaultValue = "50") @Min(1) @Max(100) int limit,
			@RequestParam(required = false) @Nullable String pageToken) {
		return this.notifications.list(namespace, limit, pageToken);
	}

	@GetMapping("/{id}")
	ResponseEntity<BucketNotificationResponse> get(@PathVariable String namespace, @PathVariable UUID id) {
		return current(this.notifications.get(namespace, id));
	}

	/**
	 * Replaces the notification; needs {@code If-Match} with the ETag last read.
	 */
	@PutMapping("/{id}")
	ResponseEntity<BucketNotificationResponse> update(@PathVariable String namespace, @PathVariable UUID id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
			@Valid @RequestBody BucketNotificationRequest request) {
		return current(this.notifications.update(namespace, id, ifMatch, request));
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(@PathVariable String namespace, @PathVariable UUID id) {
		this.notifications.delete(namespace, id);
		return ResponseEntity.noContent().build();
	}

	private static ResponseEntity<BucketNotificationResponse> current(BucketNotificationResponse notification) {
		return ResponseEntity.ok().eTag(Preconditions.eTag(notification.entityVersion())).body(notification);
	}

}
