package dev.aloft.controlplane.lambdaapi;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.aloft.controlplane.accesskey.Caller;
import dev.aloft.controlplane.accesskey.Capability;
import dev.aloft.controlplane.function.AliasRequest;
import dev.aloft.controlplane.function.AliasResponse;
import dev.aloft.controlplane.function.AliasService;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Lambda's {@code CreateAlias}, {@code GetAlias}, {@code UpdateAlias},
 * {@code DeleteAlias} and {@code ListAliases}, with weighted routing
 * ({@code RoutingConfig.AdditionalVersionWeights}, at most one extra version).
 */
@RestController
class LambdaAliasController {

	private static final String ALIASES = "/2015-03-31/functions/{functionName}/aliases";

	private static final Map<String, String> MEMBER_NAMES = Map.of("name", "name", "functionVersion", "functionVersion",
			"description", "description", "routingConfig.additionalVersionWeight",
			"routingConfig.additionalVersionWeights");

	private final AliasService aliases;

	private final LambdaTargets targets;

	private final LambdaRequests requests;

	LambdaAliasController(AliasService aliases, LambdaTargets targets, LambdaRequests requests) {
		this.aliases = aliases;
		this.targets = targets;
		this.requests = requests;
	}

	@PostMapping(ALIASES)
	ResponseEntity<AliasConfiguration> create(Caller caller, @PathVariable String functionName,
			@RequestBody(required = false) byte @Nullable [] body) {
		CreateAlias request = this.requests.read(body, CreateAlias.class);
		FunctionRef function = this.targets.function(caller, functionName, Capability.WRITE, "CreateAlias")
			.unqualified();
		if (request.name() == null || request.functionVersion() == null) {
			throw LambdaException.invalidParameter("CreateAlias needs Name and FunctionVersion");
		}
		AliasRequest alias = this.requests.valid(new AliasRequest(request.name(), request.functionVersion(),
				request.description(), routing(request.routingConfig())), MEMBER_NAMES);
		AliasResponse created = this.aliases.createAlias(function.namespace(), function.name(), alias);
		return ResponseEntity.status(HttpStatus.CREATED).body(AliasConfiguration.of(function, created));
	}

	@GetMapping(ALIASES + "/{name}")
	AliasConfiguration get(Caller caller, @PathVariable String functionName, @PathVariable String name) {
		FunctionRef function = this.targets.function(caller, functionName, Capability.READ, "GetAlias").unqualified();
		return AliasConfiguration.of(function, this.aliases.describeAlias(function.namespace(), function.name(), name));
	}

	@PutMapping(ALIASES + "/{name}")
	AliasConfiguration update(Caller caller, @PathVariable String functionName, @PathVariable String name,
			@RequestBody(required = false) byte @Nullable [] body) {
		UpdateAlias request = this.requests.read(body, UpdateAlias.class);
		FunctionRef function = this.targets.function(caller, functionName, Capability.WRITE, "UpdateAlias")
			.unqualified();
		AliasResponse current = this.aliases.describeAlias(function.namespace(), function.name(), name);
		// What the request leaves out stays as it is.
		AliasRequest.RoutingConfigRequest routing = (request.routingConfig() != null) ? routing(request.routingConfig())
				: current.routingConfig();
		AliasRequest alias = this.requests.valid(
				new AliasRequest(null, Objects.requireNonNullElse(request.functionVersion(), current.functionVersion()),
						Objects.requireNonNullElse(request.description(), current.description()), routing),
				MEMBER_NAMES);
		return AliasConfiguration.of(function,
				this.aliases.updateAlias(function.namespace(), function.name(), name, request.revisionId(), alias));
	}

	@DeleteMapping(ALIASES + "/{name}")
	ResponseEntity<Void> delete(Caller caller, @PathVariable String functionName, @PathVariable String name) {
		FunctionRef function = this.targets.function(caller, functionName, Capability.WRITE, "DeleteAlias")
			.unqualified();
		this.aliases.delete(function.namespace(), function.name(), name);
		return ResponseEntity.noContent().build();
	}

	@GetMapping(ALIASES)
	ListAliasesResponse list(Caller caller, @PathVariable String functionName,
			@RequestParam(name = "FunctionVersion", required = false) @Nullable String functionVersion,
			@RequestParam(name = "Marker", required = false) @Nullable String marker,
			@RequestParam(name = "MaxItems", required = false) @Nullable Integer maxItems) {
		FunctionRef function = this.targets.function(caller, functionName, Capability.READ, "ListAliases")
			.unqualified();
		int size = LambdaFunctionController.pageSize(maxItems, 10_000);
		// Aliases come sorted by name, so the marker is the last name of the previous
		// page.
		List<AliasResponse> matching = this.aliases.listAliases(function.namespace(), function.name())
			.stream()
			.filter((alias) -> functionVersion == null || alias.functionVersion().equals(functionVersion))
			.filter((alias) -> marker == null || alias.name().compareTo(marker) > 0)
			.toList();
		List<AliasConfiguration> page = matching.stream()
			.limit(size)
			.map((alias) -> AliasConfiguration.of(function, alias))
			.toList();
		return new ListAliasesResponse(page, (matching.size() > size) ? page.getLast().name() : null);
	}

	/**
	 * Lambda's weights map, as the one additional version Aloft routes to.
	 */
	private static AliasRequest.@Nullable RoutingConfigRequest routing(@Nullable RoutingConfig routing) {
		if (routing == null || routing.additionalVersionWeights() == null
				|| routing.additionalVersionWeights().isEmpty()) {
			return null;
		}
		if (routing.additionalVersionWeights().size() > 1) {
			throw LambdaException
				.invalidParameter("Number of items in AdditionalVersionWeights cannot be greater than 1");
		}
		Map.Entry<String, Double> weight = routing.additionalVersionWeights().entrySet().iterator().next();
		if (weight.getValue() == null) {
			throw LambdaException.invalidParameter("AdditionalVersionWeights needs a weight between 0.0 and 1.0");
		}
		return new AliasRequest.RoutingConfigRequest(weight.getKey(), weight.getValue());
	}

	/**
	 * {@code CreateAlias}.
	 *
	 * @param name the alias name
	 * @param functionVersion the version it points at
	 * @param description the description
	 * @param routingConfig the weighted second version
	 */
	@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
	record CreateAlias(@Nullable String name, @Nullable String functionVersion, @Nullable String description,
			@Nullable RoutingConfig routingConfig) {
	}

	/**
	 * {@code UpdateAlias}: what is left out stays as it is.
	 *
	 * @param functionVersion the version it points at
	 * @param description the description
	 * @param routingConfig the weighted second version; an empty map removes it
	 * @param revisionId change only if the alias still has this revision
	 */
	@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
	record UpdateAlias(@Nullable String functionVersion, @Nullable String description,
			@Nullable RoutingConfig routingConfig, @Nullable String revisionId) {
	}

	/**
	 * Weighted routing.
	 *
	 * @param additionalVersionWeights the second version and its share (0.0–1.0)
	 */
	@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record RoutingConfig(@Nullable Map<String, Double> additionalVersionWeights) {
	}

	/**
	 * Lambda's {@code AliasConfiguration}.
	 *
	 * @param aliasArn the alias's ARN
	 * @param name the alias name
	 * @param functionVersion the version it points at
	 * @param description the description
	 * @param routingConfig the weighted second version, if any
	 * @param revisionId changes whenever the alias changes
	 */
	@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record AliasConfiguration(String aliasArn, String name, String functionVersion, String description,
			@Nullable RoutingConfig routingConfig, String revisionId) {

		static AliasConfiguration of(FunctionRef function, AliasResponse alias) {
			RoutingConfig routing = (alias.routingConfig() != null) ? new RoutingConfig(
					Map.of(alias.routingConfig().additionalVersion(), alias.routingConfig().additionalVersionWeight()))
					: null;
			return new AliasConfiguration(function.arn(alias.name()), alias.name(), alias.functionVersion(),
					alias.description(), routing, alias.revisionId());
		}

	}

	/**
	 * {@code ListAliases}' answer.
	 *
	 * @param aliases the aliases on this page
	 * @param nextMarker the marker of the next page; absent on the last
	 */
	@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record ListAliasesResponse(List<AliasConfiguration> aliases, @Nullable String nextMarker) {
	}

}
