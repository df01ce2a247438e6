package dev.aloft.controlplane.functionurl;

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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * {@code /v1/namespaces/{namespace}/functions/{function}/url?qualifier=}: a function's
 * URL ({@code $LATEST}'s without a qualifier, an alias's with one). {@code POST} creates
 * it, {@code PUT} replaces its settings (with {@code If-Match}); {@code .../urls} lists
 * them all.
 */
@PublicApi
@RestController
@RequestMapping(path = "/namespaces/{namespace}/functions/{function}", version = "1")
class FunctionUrlController {

	private final FunctionUrlService urls;

	FunctionUrlController(FunctionUrlService urls) {
		this.urls = urls;
	}

	@PostMapping("/url")
	ResponseEntity<FunctionUrlResponse> create(@PathVariable String namespace, @PathVariable String function,
			@RequestParam(required = false) @Nullable String qualifier,
			@Valid @RequestBody FunctionUrlRequest request) {
		FunctionUrlResponse url = this.urls.create(namespace, function, qualifier, request);
		URI location = ServletUriComponentsBuilder.fromCurrentRequest().build().toUri();
		return ResponseEntity.created(location).eTag(Preconditions.eTag(url.entityVersion())).body(url);
	}

	@GetMapping("/url")
	ResponseEntity<FunctionUrlResponse> get(@PathVariable String namespace, @PathVariable String function,
			@RequestParam(required = false) @Nullable String qualifier) {
		return current(this.urls.get(namespace, function, qualifier));
	}

	/**
	 * Replaces the URL's settings; needs {@code If-Match} with the ETag last read.
	 */
	@PutMapping("/url")
	ResponseEntity<FunctionUrlResponse> update(@PathVariable String namespace, @PathVariable String function,
			@RequestParam(required = false) @Nullable String qualifier,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
			@Valid @RequestBody FunctionUrlRequest request) {
		return current(this.urls.update(namespace, function, qualifier, ifMatch, request));
	}

	@DeleteMapping("/url")
	ResponseEntity<Void> delete(@PathVariable String namespace, @PathVariable String function,
			@RequestParam(required = false) @Nullable String qualifier) {
		this.urls.delete(namespace, function, qualifier);
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/urls")
	CursorPage<FunctionUrlResponse> list(@PathVariable String namespace, @PathVariable String function) {
		return new CursorPage<>(this.urls.list(namespace, function), null);
	}

	private static ResponseEntity<FunctionUrlResponse> current(FunctionUrlResponse url) {
		return ResponseEntity.ok().eTag(Preconditions.eTag(url.entityVersion())).body(url);
	}

}
