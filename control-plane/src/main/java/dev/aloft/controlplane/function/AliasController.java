package dev.aloft.controlplane.function;

import java.net.URI;

import dev.aloft.controlplane.system.CursorPage;
import dev.aloft.controlplane.system.Preconditions;
import dev.aloft.controlplane.system.PublicApi;
import jakarta.validation.Valid;
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
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * {@code /v1/namespaces/{namespace}/functions/{function}/aliases}: names for published
 * versions, with weighted routing between two.
 */
@PublicApi
@RestController
@RequestMapping(path = "/namespaces/{namespace}/functions/{function}/aliases", version = "1")
class AliasController {

	private final AliasService aliases;

	AliasController(AliasService aliases) {
		this.aliases = aliases;
	}

	@PostMapping
	ResponseEntity<AliasResponse> create(@PathVariable String namespace, @PathVariable String function,
			@Valid @RequestBody AliasRequest request) {
		Alias alias = this.aliases.create(namespace, function, request);
		URI location = ServletUriComponentsBuilder.fromCurrentRequestUri()
			.path("/{name}")
			.buildAndExpand(alias.name())
			.toUri();
		return ResponseEntity.created(location)
			.eTag(Preconditions.eTag(alias.entityVersion()))
			.body(AliasResponse.from(namespace, function, alias));
	}

	@GetMapping("/{name}")
	ResponseEntity<AliasResponse> get(@PathVariable String namespace, @PathVariable String function,
			@PathVariable String name) {
		Alias alias = this.aliases.find(namespace, function, name);
		return ResponseEntity.ok()
			.eTag(Preconditions.eTag(alias.entityVersion()))
			.body(AliasResponse.from(namespace, function, alias));
	}

	@GetMapping
	CursorPage<AliasResponse> list(@PathVariable String namespace, @PathVariable String function) {
		return new CursorPage<>(this.aliases.list(namespace, function)
			.stream()
			.map((alias) -> AliasResponse.from(namespace, function, alias))
			.toList(), null);
	}

	/**
	 * Points the alias elsewhere; needs {@code If-Match} with the ETag last read.
	 */
	@PutMapping("/{name}")
	ResponseEntity<AliasResponse> update(@PathVariable String namespace, @PathVariable String function,
			@PathVariable String name,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
			@Valid @RequestBody AliasRequest request) {
		Alias alias = this.aliases.update(namespace, function, name, ifMatch, request);
		return ResponseEntity.ok()
			.eTag(Preconditions.eTag(alias.entityVersion()))
			.body(AliasResponse.from(namespace, function, alias));
	}

	@DeleteMapping("/{name}")
	ResponseEntity<Void> delete(@PathVariable String namespace, @PathVariable String function,
			@PathVariable String name) {
		this.aliases.delete(namespace, function, name);
		return ResponseEntity.noContent().build();
	}

}
