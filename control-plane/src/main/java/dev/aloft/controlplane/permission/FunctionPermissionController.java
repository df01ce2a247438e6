package dev.aloft.controlplane.permission;

import java.net.URI;

import dev.aloft.controlplane.system.CursorPage;
import dev.aloft.controlplane.system.PublicApi;
import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * {@code /v1/namespaces/{namespace}/functions/{function}/permissions}: a function's
 * resource policy. {@code PUT .../{statementId}} adds a statement (again with the same
 * content changes nothing; with other content it conflicts), {@code DELETE} removes it.
 * Changing the policy needs write access to the namespace (developers and admins).
 */
@PublicApi
@RestController
@RequestMapping(path = "/namespaces/{namespace}/functions/{function}/permissions", version = "1")
class FunctionPermissionController {

	private final FunctionPermissionService permissions;

	FunctionPermissionController(FunctionPermissionService permissions) {
		this.permissions = permissions;
	}

	@PutMapping("/{statementId}")
	ResponseEntity<PermissionResponse> put(@PathVariable String namespace, @PathVariable String function,
			@PathVariable String statementId, @Valid @RequestBody PermissionRequest request) {
		PermissionResponse existing = this.permissions.find(namespace, function, statementId).orElse(null);
		if (existing != null && existing.grants(request)) {
			return ResponseEntity.ok(existing);
		}
		PermissionResponse added = this.permissions.add(namespace, function, statementId, request);
		URI location = ServletUriComponentsBuilder.fromCurrentRequest().build().toUri();
		return ResponseEntity.status(HttpStatus.CREATED).location(location).body(added);
	}

	@DeleteMapping("/{statementId}")
	ResponseEntity<Void> delete(@PathVariable String namespace, @PathVariable String function,
			@PathVariable String statementId) {
		this.permissions.remove(namespace, function, statementId);
		return ResponseEntity.noContent().build();
	}

	@GetMapping
	CursorPage<PermissionResponse> list(@PathVariable String namespace, @PathVariable String function) {
		return new CursorPage<>(this.permissions.list(namespace, function), null);
	}

}
