package dev.aloft.controlplane.route;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import dev.aloft.controlplane.system.CursorPage;
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
 * {@code /v1/namespaces/{namespace}/routes}: HTTP routes the gateway serves. {@code POST}
 * creates one, {@code PUT /{id}} replaces it (with {@code If-Match}).
 */
@PublicApi
@RestController
@RequestMapping(path = "/namespaces/{namespace}/routes", version = "1")
class RouteController {

	private final RouteService routes;

	RouteController(RouteService routes) {
		this.routes = routes;
	}

	@PostMapping
	ResponseEntity<RouteResponse> create(@PathVariable String namespace, @Valid @RequestBody RouteRequest request) {
		Route route = this.routes.create(namespace, request);
		URI location = ServletUriComponentsBuilder.fromCurrentRequestUri()
			.path("/{id}")
			.buildAndExpand(route.id())
			.toUri();
		return ResponseEntity.created(location).eTag(eTag(route)).body(RouteResponse.from(route));
	}

	@GetMapping("/{id}")
	ResponseEntity<RouteResponse> get(@PathVariable String namespace, @PathVariable UUID id) {
		Route route = this.routes.find(namespace, id);
		return ResponseEntity.ok().eTag(eTag(route)).body(RouteResponse.from(route));
	}

	@GetMapping
	CursorPage<RouteResponse> list(@PathVariable String namespace) {
		List<RouteResponse> items = this.routes.list(namespace).stream().map(RouteResponse::from).toList();
		return new CursorPage<>(items, null);
	}

	/**
	 * Replaces the route (its identifier stays); needs {@code If-Match} with the ETag
	 * last read, and the route's auth stated again.
	 */
	@PutMapping("/{id}")
	ResponseEntity<RouteResponse> replace(@PathVariable String namespace, @PathVariable UUID id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
			@Valid @RequestBody RouteRequest request) {
		Route route = this.routes.replace(namespace, id, ifMatch, request);
		return ResponseEntity.ok().eTag(eTag(route)).body(RouteResponse.from(route));
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(@PathVariable String namespace, @PathVariable UUID id) {
		this.routes.delete(namespace, id);
		return ResponseEntity.noContent().build();
	}

	private static String eTag(Route route) {
		return "\"" + route.entityVersion() + "\"";
	}

}
