package dev.aloft.controlplane.function;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

import dev.aloft.contracts.config.AliasConfig;
import dev.aloft.contracts.config.FunctionVersionConfig;
import dev.aloft.contracts.config.ResourceKind;
import dev.aloft.controlplane.configfeed.ConfigFeed;
import dev.aloft.controlplane.system.Constraints;
import dev.aloft.controlplane.system.Preconditions;
import dev.aloft.controlplane.system.ProblemType;
import dev.aloft.problems.PlatformException;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates, points, reads and deletes aliases, with Lambda's rules for weighted routing:
 * two different published versions, the second receiving a share between 0 and 1.
 */
@Service
public class AliasService {

	private final FunctionService functions;

	private final VersionService versions;

	private final AliasRepository aliases;

	private final ConfigFeed configFeed;

	private final ProvisionedConcurrencyTracking provisioned;

	private final Clock clock = Clock.systemUTC();

	AliasService(FunctionService functions, VersionService versions, AliasRepository aliases, ConfigFeed configFeed,
			ProvisionedConcurrencyTracking provisioned) {
		this.functions = functions;
		this.versions = versions;
		this.aliases = aliases;
		this.configFeed = configFeed;
		this.provisioned = provisioned;
	}

	@Transactional
	Alias create(String namespace, String functionName, AliasRequest request) {
		FunctionDefinition function = this.functions.find(namespace, functionName);
		String name = request.name();
		if (name == null || name.equals(FunctionVersionConfig.LATEST)) {
			throw new PlatformException(ProblemType.VALIDATION_FAILED,
					"An alias needs a name: letters, digits, hyphens or underscores, not all digits");
		}
		AliasTarget target = target(function, request);
		if (this.aliases.findByFunctionIdAndName(function.id(), name).isPresent()) {
			throw exists(functionName, name);
		}
		Alias alias = new Alias(function.id(), name, target, Objects.requireNonNullElse(request.description(), ""),
				now());
		try {
			this.aliases.saveAndFlush(alias);
		}
		catch (DataIntegrityViolationException ex) {
			if (Constraints.violated(ex, "function_alias_unique")) {
				throw exists(functionName, name);
			}
			throw ex;
		}
		this.configFeed.publish(alias.config(namespace, functionName));
		return alias;
	}

	@Transactional
	Alias update(String namespace, String functionName, String name, @Nullable String ifMatch, AliasRequest request) {
		FunctionDefinition function = this.functions.find(namespace, functionName);
		Alias alias = find(function, name);
		Preconditions.requireMatch(ifMatch, alias.entityVersion(), "alias " + name);
		AliasTarget target = target(function, request);
		this.provisioned.requireMovable(function, name, target.functionVersion());
		alias.point(target, Objects.requireNonNullElse(request.description(), alias.description()), now());
		this.aliases.saveAndFlush(alias);
		this.configFeed.publish(alias.config(namespace, functionName));
		this.provisioned.aliasMoved(namespace, function, name, target.functionVersion());
		return alias;
	}

	/**
	 * Creates an alias.
	 * @param namespace the namespace
	 * @param functionName the function
	 * @param request the alias, with its name
	 * @return the alias
	 */
	@Transactional
	public AliasResponse createAlias(String namespace, String functionName, AliasRequest request) {
		return AliasResponse.from(namespace, functionName, create(namespace, functionName, request));
	}

	/**
	 * Points an alias elsewhere if it still has the revision id the caller read (Lambda's
	 * optimistic concurrency, where {@link #update} uses ETags).
	 * @param namespace the namespace
	 * @param functionName the function
	 * @param name the alias
	 * @param revisionId the revision id the caller read, or null to change it whatever it
	 * is
	 * @param request the whole new target and description
	 * @return the alias
	 */
	@Transactional
	public AliasResponse updateAlias(String namespace, String functionName, String name, @Nullable String revisionId,
			AliasRequest request) {
		Alias alias = find(namespace, functionName, name);
		if (revisionId != null && !revisionId.equals(alias.revisionId().toString())) {
			throw new PlatformException(ProblemType.PRECONDITION_FAILED,
					"The Revision Id provided does not match the latest Revision Id. "
							+ "Call the GetFunction/GetAlias API to retrieve the latest Revision Id");
		}
		return AliasResponse.from(namespace, functionName,
				update(namespace, functionName, name, Preconditions.eTag(alias.entityVersion()), request));
	}

	/**
	 * Reads an alias.
	 * @param namespace the namespace
	 * @param functionName the function
	 * @param name the alias
	 * @return the alias
	 */
	@Transactional(readOnly = true)
	public AliasResponse describeAlias(String namespace, String functionName, String name) {
		return AliasResponse.from(namespace, functionName, find(namespace, functionName, name));
	}

	/**
	 * Lists a function's aliases by name.
	 * @param namespace the namespace
	 * @param functionName the function
	 * @return the aliases
	 */
	@Transactional(readOnly = true)
	public List<AliasResponse> listAliases(String namespace, String functionName) {
		return list(namespace, functionName).stream()
			.map((alias) -> AliasResponse.from(namespace, functionName, alias))
			.toList();
	}

	@Transactional(readOnly = true)
	Alias find(String namespace, String functionName, String name) {
		return find(this.functions.find(namespace, functionName), name);
	}

	@Transactional(readOnly = true)
	List<Alias> list(String namespace, String functionName) {
		return this.aliases.findByFunctionIdOrderByName(this.functions.find(namespace, functionName).id());
	}

	@Transactional
	public void delete(String namespace, String functionName, String name) {
		FunctionDefinition function = this.functions.find(namespace, functionName);
		Alias alias = find(function, name);
		this.provisioned.qualifierDeleting(namespace, function, name);
		this.aliases.delete(alias);
		this.configFeed.retract(ResourceKind.ALIAS, AliasConfig.keyOf(namespace, functionName, name));
	}

	/**
	 * Whether a function has an alias with this name.
	 */
	boolean exists(FunctionDefinition function, String name) {
		return this.aliases.findByFunctionIdAndName(function.id(), name).isPresent();
	}

	private Alias find(FunctionDefinition function, String name) {
		return this.aliases.findByFunctionIdAndName(function.id(), name)
			.orElseThrow(() -> new PlatformException(ProblemType.ALIAS_NOT_FOUND,
					"Function " + function.name() + " has no alias " + name));
	}

	/**
	 * Checks where an alias may point: an existing version, and for weighted routing a
	 * second, different published version.
	 */
	private AliasTarget target(FunctionDefinition function, AliasRequest request) {
		String primary = request.functionVersion();
		if (!primary.equals(FunctionVersionConfig.LATEST) && !this.versions.exists(function, primary)) {
			throw invalid("Function " + function.name() + " has no version " + primary);
		}
		AliasRequest.RoutingConfigRequest routing = request.routingConfig();
		if (routing == null) {
			return new AliasTarget(primary, null, 0);
		}
		if (primary.equals(FunctionVersionConfig.LATEST)) {
			throw invalid("$LATEST is not supported for an alias pointing to more than 1 version");
		}
		if (routing.additionalVersion().equals(primary)) {
			throw invalid("Version " + primary + " is already the alias's primary version");
		}
		if (!this.versions.exists(function, routing.additionalVersion())) {
			throw invalid("Function " + function.name() + " has no version " + routing.additionalVersion());
		}
		return new AliasTarget(primary, routing.additionalVersion(), routing.additionalVersionWeight());
	}

	private static PlatformException invalid(String detail) {
		return new PlatformException(ProblemType.VALIDATION_FAILED, detail);
	}

	private static PlatformException exists(String functionName, String name) {
		return new PlatformException(ProblemType.ALIAS_EXISTS,
				"Function " + functionName + " already has an alias " + name);
	}

	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

}
