package dev.aloft.controlplane.namespace;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import dev.aloft.controlplane.accesskey.Caller;
import dev.aloft.controlplane.accesskey.PlatformAdminOnly;
import dev.aloft.controlplane.system.CursorPage;
import dev.aloft.controlplane.system.PublicApi;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * {@code /v1/namespaces}: platform administrators create and delete namespaces; everyone
 * sees the namespaces they have a role in.
 */
@PublicApi
@RestController
@RequestMapping(path = "/namespaces", version = "1")
class NamespaceController {

	private final Namespaces namespaces;

	NamespaceController(Namespaces namespaces) {
		this.namespaces = namespaces;
	}

	@PlatformAdminOnly
	@PostMapping
	ResponseEntity<NamespaceBody> create(@Valid @RequestBody NamespaceRequest request) {
		Namespace namespace = this.namespaces.create(request.name());
		URI location = ServletUriComponentsBuilder.fromCurrentRequestUri()
			.path("/{name}")
			.buildAndExpand(namespace.name())
			.toUri();
		return ResponseEntity.created(location).body(NamespaceBody.from(namespace));
	}

	@GetMapping
	CursorPage<NamespaceBody> list(Caller caller) {
		List<NamespaceBody> visible = this.namespaces.list()
			.stream()
			.filter((namespace) -> caller.roleIn(namespace.name()) != null)
			.map(NamespaceBody::from)
			.toList();
		return new CursorPage<>(visible, null);
	}

	@GetMapping("/{namespace}")
	NamespaceBody get(@PathVariable String namespace) {
		return NamespaceBody.from(this.namespaces.find(namespace));
	}

	@PlatformAdminOnly
	@DeleteMapping("/{namespace}")
	ResponseEntity<Void> delete(@PathVariable String namespace) {
		this.namespaces.delete(namespace);
		return ResponseEntity.noContent().build();
	}

	/**
	 * Creates a namespace.
	 *
	 * @param name 1-64 lowercase letters, digits or hyphens, starting with a letter
	 */
	record NamespaceRequest(@NotNull @Pattern(regexp = "[a-z][a-z0-9-]{0,63}") String name) {
	}

	/**
	 * A namespace.
	 *
	 * @param name its name
	 * @param accountId the account id its functions carry in ARNs
	 * @param createdAt when it was created
	 */
	record NamespaceBody(String name, @Nullable String accountId, Instant createdAt) {

		static NamespaceBody from(Namespace namespace) {
			return new NamespaceBody(namespace.name(), namespace.accountId(), namespace.createdAt());
		}

	}

}
