package dev.aloft.controlplane.accesskey;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import dev.aloft.controlplane.accesskey.AccessKeyService.NewAccessKey;
import dev.aloft.controlplane.system.CursorPage;
import dev.aloft.controlplane.system.PublicApi;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * {@code /v1/access-keys} (platform administrators) and
 * {@code /v1/namespaces/{namespace}/role-bindings} (namespace administrators).
 */
@PublicApi
@RestController
class AccessKeyController {

	private final AccessKeyService accessKeys;

	AccessKeyController(AccessKeyService accessKeys) {
		this.accessKeys = accessKeys;
	}

	/**
	 * Creates a key. The answer is the only time its secret is shown.
	 */
	@PlatformAdminOnly
	@PostMapping(path = "/access-keys", version = "1")
	ResponseEntity<NewAccessKey> create(
			@Valid @RequestBody(required = false) @Nullable CreateAccessKeyRequest request) {
		NewAccessKey key = this.accessKeys
			.create(Objects.requireNonNullElse((request != null) ? request.description() : null, ""), null, null);
		URI location = ServletUriComponentsBuilder.fromCurrentRequestUri()
			.path("/{id}")
			.buildAndExpand(key.accessKeyId())
			.toUri();
		return ResponseEntity.created(location).body(key);
	}

	@PlatformAdminOnly
	@GetMapping(path = "/access-keys", version = "1")
	CursorPage<AccessKeyResponse> list() {
		return new CursorPage<>(this.accessKeys.list().stream().map(AccessKeyResponse::from).toList(), null);
	}

	@PlatformAdminOnly
	@DeleteMapping(path = "/access-keys/{accessKeyId}", version = "1")
	ResponseEntity<Void> delete(@PathVariable String accessKeyId) {
		this.accessKeys.delete(accessKeyId);
		return ResponseEntity.noContent().build();
	}

	@RequiresCapability(Capability.MANAGE_ACCESS)
	@GetMapping(path = "/namespaces/{namespace}/role-bindings", version = "1")
	CursorPage<RoleBindingBody> bindings(@PathVariable String namespace) {
		List<RoleBindingBody> items = this.accessKeys.bindings(namespace)
			.stream()
			.map((binding) -> new RoleBindingBody(binding.accessKeyId(), binding.role()))
			.toList();
		return new CursorPage<>(items, null);
	}

	@RequiresCapability(Capability.MANAGE_ACCESS)
	@PutMapping(path = "/namespaces/{namespace}/role-bindings/{accessKeyId}", version = "1")
	RoleBindingBody bind(@PathVariable String namespace, @PathVariable String accessKeyId,
			@Valid @RequestBody RoleRequest request) {
		this.accessKeys.bind(accessKeyId, namespace, request.role());
		return new RoleBindingBody(accessKeyId, request.role());
	}

	@RequiresCapability(Capability.MANAGE_ACCESS)
	@DeleteMapping(path = "/namespaces/{namespace}/role-bindings/{accessKeyId}", version = "1")
	ResponseEntity<Void> unbind(@PathVariable String namespace, @PathVariable String accessKeyId) {
		this.accessKeys.unbind(accessKeyId, namespace);
		return ResponseEntity.noContent().build();
	}

	/**
	 * Creates an access key.
	 *
	 * @param description what it is for
	 */
	record CreateAccessKeyRequest(@Nullable @Size(max = 256) String description) {
	}

	/**
	 * An access key, without its secret.
	 *
	 * @param accessKeyId the key id
	 * @param description what it is for
	 * @param enabled whether it may be used
	 * @param createdAt when it was created
	 */
	record AccessKeyResponse(String accessKeyId, String description, boolean enabled, Instant createdAt) {

		static AccessKeyResponse from(AccessKey key) {
			return new AccessKeyResponse(key.id(), key.description(), key.enabled(), key.createdAt());
		}

	}

	/**
	 * A role to give a key.
	 *
	 * @param role the role
	 */
	record RoleRequest(@NotNull Role role) {
	}

	/**
	 * A key's role in the namespace.
	 *
	 * @param accessKeyId the key
	 * @param role its role
	 */
	record RoleBindingBody(@Pattern(regexp = "[A-Z0-9]{16,20}") String accessKeyId, Role role) {
	}

}
