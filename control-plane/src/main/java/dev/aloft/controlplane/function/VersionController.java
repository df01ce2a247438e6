package dev.aloft.controlplane.function;

import java.net.URI;
import java.util.Objects;

import dev.aloft.controlplane.system.CursorPage;
import dev.aloft.controlplane.system.PublicApi;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * {@code /v1/namespaces/{namespace}/functions/{function}/versions}: publish, list, read
 * and delete versions.
 */
@PublicApi
@RestController
@RequestMapping(path = "/namespaces/{namespace}/functions/{function}/versions", version = "1")
class VersionController {

	private final VersionService versions;

	VersionController(VersionService versions) {
		this.versions = versions;
	}

	/**
	 * Publishes {@code $LATEST}; answers the existing newest version when nothing
	 * changed.
	 */
	@PostMapping
	ResponseEntity<VersionResponse> publish(@PathVariable String namespace, @PathVariable String function,
			@Valid @RequestBody(required = false) @Nullable PublishVersionRequest request) {
		FunctionVersion version = this.versions.publish(namespace, function,
				Objects.requireNonNullElse(request, PublishVersionRequest.NONE));
		URI location = ServletUriComponentsBuilder.fromCurrentRequestUri()
			.path("/{version}")
			.buildAndExpand(version.version())
			.toUri();
		return ResponseEntity.created(location).body(VersionResponse.from(namespace, function, version));
	}

	@GetMapping("/{version}")
	VersionResponse get(@PathVariable String namespace, @PathVariable String function, @PathVariable String version) {
		return VersionResponse.from(namespace, function, this.versions.find(namespace, function, version));
	}

	@GetMapping
	CursorPage<VersionResponse> list(@PathVariable String namespace, @PathVariable String function,
			@RequestParam(defaultValue = "50") @Min(1) @Max(100) int limit,
			@RequestParam(required = false) @Nullable String pageToken) {
		CursorPage<FunctionVersion> page = this.versions.list(namespace, function, limit, pageToken);
		return new CursorPage<>(
				page.items().stream().map((version) -> VersionResponse.from(namespace, function, version)).toList(),
				page.nextPageToken());
	}

	@DeleteMapping("/{version}")
	ResponseEntity<Void> delete(@PathVariable String namespace, @PathVariable String function,
			@PathVariable String version) {
		this.versions.delete(namespace, function, version);
		return ResponseEntity.noContent().build();
	}

}
