package dev.aloft.controlplane.route;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import dev.aloft.contracts.config.ResourceKind;
import dev.aloft.contracts.config.RouteAuth;
import dev.aloft.controlplane.configfeed.ConfigFeed;
import dev.aloft.controlplane.function.FunctionDeleting;
import dev.aloft.controlplane.function.FunctionService;
import dev.aloft.controlplane.namespace.Namespaces;
import dev.aloft.controlplane.system.Constraints;
import dev.aloft.controlplane.system.Preconditions;
import dev.aloft.controlplane.system.ProblemType;
import dev.aloft.problems.PlatformException;
import dev.aloft.secrets.SecretBox;
import org.jspecify.annotations.Nullable;

import org.springframework.context.event.EventListener;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates, reads, replaces and deletes routes, and publishes them on the feed for the
 * gateway in the same transaction. A route's secrets (API keys, an HS256 secret) are
 * digested or sealed before anything is stored, and never read back in the clear.
 */
@Service
class RouteService {

	private final RouteRepository routes;

	private final Namespaces namespaces;

	private final FunctionService functions;

	private final ConfigFeed configFeed;

	private final SecretBox secretBox;

	private final Clock clock = Clock.systemUTC();

	RouteService(RouteRepository routes, Namespaces namespaces, FunctionService functions, ConfigFeed configFeed,
			SecretBox secretBox) {
		this.routes = routes;
		this.namespaces = namespaces;
		this.functions = functions;
		this.configFeed = configFeed;
		this.secretBox = secretBox;
	}

	@Transactional
	Route create(String namespace, RouteRequest request) {
		this.namespaces.requireExisting(namespace);
		RouteSettings settings = RouteSettings.of(request);
		Instant now = now();
		Route route = new Route(namespace, now);
		RouteAuth auth = RouteAuthSettings.of(request.auth(), route.id(), this.secretBox);
		this.functions.requireExisting(namespace, settings.functionName());
		if (this.routes.existsByMethodAndPathShape(settings.method(), settings.template().shape())) {
			throw conflict(settings);
		}
		route.replace(settings, auth, now);
		save(route, settings);
		return route;
	}

	/**
	 * Replaces a route, if the caller read its current state. Its identifier stays, so an
	 * HS256 secret is sealed for the same context.
	 */
	@Transactional
	Route replace(String namespace, UUID id, @Nullable String ifMatch, RouteRequest request) {
		Route route = find(namespace, id);
		Preconditions.requireMatch(ifMatch, route.entityVersion(), "route " + id);
		if (request.auth() == null) {
			throw new InvalidRouteException("/auth", "Replacing a route needs its auth, even {\"type\": \"NONE\"}: "
					+ "the stored API keys and secrets cannot be read back to be kept");
		}
		RouteSettings settings = RouteSettings.of(request);
		RouteAuth auth = RouteAuthSettings.of(request.auth(), route.id(), this.secretBox);
		this.functions.requireExisting(namespace, settings.functionName());
		if (this.routes.existsByMethodAndPathShapeAndIdNot(settings.method(), settings.template().shape(), id)) {
			throw conflict(settings);
		}
		route.replace(settings, auth, now());
		save(route, settings);
		return route;
	}

	private void save(Route route, RouteSettings settings) {
		try {
			this.routes.saveAndFlush(route);
		}
		catch (DataIntegrityViolationException ex) {
			if (Constraints.violated(ex, "route_shape_unique")) {
				throw conflict(settings);
			}
			throw ex;
		}
		this.configFeed.publish(route.config());
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

	/**
	 * Deletes the routes to a function that is being deleted, in its transaction, and
	 * retracts them from the feed: a route to no function would only answer 404s on the
	 * gateway, and would take the function's name from whichever function is created next
	 * under it.
	 * @param deleting the function being deleted
	 */
	@EventListener
	@Transactional
	public void deleteForFunction(FunctionDeleting deleting) {
		for (Route route : this.routes.findByNamespaceAndFunctionName(deleting.namespace(), deleting.functionName())) {
			this.routes.delete(route);
			this.configFeed.retract(ResourceKind.ROUTE, route.id().toString());
		}
	}

	private static PlatformException conflict(RouteSettings settings) {
		return new PlatformException(ProblemType.ROUTE_CONFLICT,
				"A route for " + settings.method() + " " + settings.template().shape() + " already exists");
	}

	/**
	 * The current time, at the microsecond precision the database keeps.
	 */
	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

}
