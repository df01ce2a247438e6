package dev.aloft.controlplane.route;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import dev.aloft.contracts.config.FunctionVersionConfig;
import dev.aloft.contracts.config.ResourceKind;
import dev.aloft.controlplane.configfeed.ConfigFeed;
import dev.aloft.controlplane.function.FunctionService;
import dev.aloft.controlplane.namespace.Namespaces;
import dev.aloft.controlplane.system.Constraints;
import dev.aloft.problems.PlatformException;
import dev.aloft.controlplane.system.ProblemType;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates, reads and deletes routes, and publishes them on the feed for the gateway.
 */
@Service
class RouteService {

	private final RouteRepository routes;

	private final Namespaces namespaces;

	private final FunctionService functions;

	private final ConfigFeed configFeed;

	private final Clock clock = Clock.systemUTC();

	RouteService(RouteRepository routes, Namespaces namespaces, FunctionService functions, ConfigFeed configFeed) {
		this.routes = routes;
		this.namespaces = namespaces;
		this.functions = functions;
		this.configFeed = configFeed;
	}

	@Transactional
	Route create(String namespace, CreateRouteRequest request) {
		this.namespaces.requireExisting(namespace);
		RouteTemplate template = RouteTemplate.parse(request.path());
		this.functions.requireExisting(namespace, request.function());
		if (this.routes.existsByMethodAndPathShape(request.method(), template.shape())) {
			throw conflict(request.method(), template);
		}
		Route route = new Route(namespace, request.method(), template, request.function(),
				Objects.requireNonNullElse(request.qualifier(), FunctionVersionConfig.LATEST), now());
		try {
			this.routes.saveAndFlush(route);
		}
		catch (DataIntegrityViolationException ex) {
			if (Constraints.violated(ex, "route_shape_unique")) {
				throw conflict(request.method(), template);
			}
			throw ex;
		}
		this.configFeed.publish(route.config());
		return route;
	}

	@Transactional(readOnly = true)
	Route find(String namespace, UUID id) {
		this.namespaces.requireExisting(namespace);
		return this.routes.findByIdAndNamespace(id, namespace)
			.orElseThrow(() -> new PlatformException(ProblemType.ROUTE_NOT_FOUND,
					"Route '" + id + "' does not exist in namespace '" + namespace + "'"));
	}

	@Transactional(readOnly = true)
	List<Route> list(String namespace) {
		this.namespaces.requireExisting(namespace);
		return this.routes.findByNamespaceOrderByPathAscMethodAsc(namespace);
	}

	@Transactional
	void delete(String namespace, UUID id) {
		Route route = find(namespace, id);
		this.routes.delete(route);
		this.configFeed.retract(ResourceKind.ROUTE, route.id().toString());
	}

	private static PlatformException conflict(String method, RouteTemplate template) {
		return new PlatformException(ProblemType.ROUTE_CONFLICT,
				"A route for " + method + " " + template.shape() + " already exists");
	}

	/**
	 * The current time, at the microsecond precision the database keeps.
	 */
	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

}
