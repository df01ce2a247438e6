package dev.aloft.controlplane.function;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import dev.aloft.contracts.config.FunctionVersionConfig;
import dev.aloft.contracts.config.ProvisionedConcurrencyConfig;
import dev.aloft.contracts.config.ResourceKind;
import dev.aloft.controlplane.configfeed.ConfigFeed;
import dev.aloft.controlplane.system.ProblemType;
import dev.aloft.problems.PlatformException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Provisioned concurrency: how many initialised environments invokers keep ready for a
 * published version or an alias (never {@code $LATEST}, as in Lambda). An alias and the
 * version it points at cannot both have one, and together a function's configurations
 * stay within its reserved concurrency.
 */
@Service
public class ProvisionedConcurrencyService {

	private final FunctionService functions;

	private final VersionService versions;

	private final AliasRepository aliases;

	private final ProvisionedConcurrencyRepository configurations;

	private final ConfigFeed configFeed;

	private final Clock clock = Clock.systemUTC();

	ProvisionedConcurrencyService(FunctionService functions, VersionService versions, AliasRepository aliases,
			ProvisionedConcurrencyRepository configurations, ConfigFeed configFeed) {
		this.functions = functions;
		this.versions = versions;
		this.aliases = aliases;
		this.configurations = configurations;
		this.configFeed = configFeed;
	}

	/**
	 * Sets the provisioned concurrency of a published version or alias.
	 * @param namespace the namespace
	 * @param name the function
	 * @param qualifier a published version or an alias
	 * @param executions how many environments to keep ready, at least 1
	 * @return the configuration
	 */
	@Transactional
	public ProvisionedConcurrencyResponse provision(String namespace, String name, String qualifier, int executions) {
		FunctionDefinition function = this.functions.find(namespace, name);
		if (qualifier.equals(FunctionVersionConfig.LATEST)) {
			throw invalid("Provisioned Concurrency Configs cannot be applied to unpublished function versions.");
		}
		if (executions < 1) {
			throw invalid("ProvisionedConcurrentExecutions must be at least 1");
		}
		String version = version(function, qualifier);
		requireNoOverlap(function, qualifier, version);
		requireWithinReserved(function, qualifier, executions);
		ProvisionedConcurrency configuration = this.configurations
			.findByFunctionIdAndQualifier(function.id(), qualifier)
			.orElseGet(() -> new ProvisionedConcurrency(function.id(), qualifier));
		configuration.provision(executions, now());
		this.configurations.save(configuration);
		this.configFeed.publish(configuration.config(namespace, name, version));
		return ProvisionedConcurrencyResponse.from(configuration, version);
	}

	/**
	 * Reads the provisioned concurrency of a version or alias.
	 * @param namespace the namespace
	 * @param name the function
	 * @param qualifier the version or alias
	 * @return the configuration
	 */
	@Transactional(readOnly = true)
	public ProvisionedConcurrencyResponse describe(String namespace, String name, String qualifier) {
		FunctionDefinition function = this.functions.find(namespace, name);
		return ProvisionedConcurrencyResponse.from(find(function, qualifier), version(function, qualifier));
	}

	/**
	 * Lists a function's provisioned concurrency configurations by qualifier.
	 * @param namespace the namespace
	 * @param name the function
	 * @return the configurations
	 */
	@Transactional(readOnly = true)
	public List<ProvisionedConcurrencyResponse> list(String namespace, String name) {
		FunctionDefinition function = this.functions.find(namespace, name);
		return this.configurations.findByFunctionIdOrderByQualifier(function.id())
			.stream()
			.map((configuration) -> ProvisionedConcurrencyResponse.from(configuration,
					version(function, configuration.qualifier())))
			.toList();
	}

	/**
	 * Removes the provisioned concurrency of a version or alias; invokers stop its
	 * environments.
	 * @param namespace the namespace
	 * @param name the function
	 * @param qualifier the version or alias
	 */
	@Transactional
	public void remove(String namespace, String name, String qualifier) {
		FunctionDefinition function = this.functions.find(namespace, name);
		this.configurations.delete(find(function, qualifier));
		this.configFeed.retract(ResourceKind.PROVISIONED_CONCURRENCY,
				ProvisionedConcurrencyConfig.keyOf(namespace, name, qualifier));
	}

	private ProvisionedConcurrency find(FunctionDefinition function, String qualifier) {
		return this.configurations.findByFunctionIdAndQualifier(function.id(), qualifier)
			.orElseThrow(() -> new PlatformException(ProblemType.SETTING_NOT_FOUND,
					"No Provisioned Concurrency Config found for this function"));
	}

	/**
	 * The published version a qualifier runs.
	 */
	private String version(FunctionDefinition function, String qualifier) {
		if (this.versions.exists(function, qualifier)) {
			return qualifier;
		}
		Alias alias = this.aliases.findByFunctionIdAndName(function.id(), qualifier)
			.orElseThrow(() -> new PlatformException(ProblemType.VERSION_NOT_FOUND,
					"Function " + function.name() + " has no published version or alias " + qualifier));
		String version = alias.target().functionVersion();
		if (version.equals(FunctionVersionConfig.LATEST)) {
			throw invalid("Alias " + qualifier
					+ " points at $LATEST: Provisioned Concurrency Configs cannot be applied to unpublished function versions.");
		}
		return version;
	}

	/**
	 * An alias and the version it points at cannot both be provisioned (Lambda answers
	 * ResourceConflictException).
	 */
	private void requireNoOverlap(FunctionDefinition function, String qualifier, String version) {
		if (!qualifier.equals(version)) {
			if (this.configurations.findByFunctionIdAndQualifier(function.id(), version).isPresent()) {
				throw conflict("Alias " + qualifier + " points at version " + version
						+ ", which has its own Provisioned Concurrency Config");
			}
			return;
		}
		for (Alias alias : this.aliases.findByFunctionIdOrderByName(function.id())) {
			if (alias.target().functionVersion().equals(version)
					&& this.configurations.findByFunctionIdAndQualifier(function.id(), alias.name()).isPresent()) {
				throw conflict("Version " + version + " is provisioned through alias " + alias.name()
						+ ", which has its own Provisioned Concurrency Config");
			}
		}
	}

	private void requireWithinReserved(FunctionDefinition function, String qualifier, int executions) {
		Integer reserved = function.reservedConcurrency();
		if (reserved == null) {
			return;
		}
		int others = this.configurations.findByFunctionIdOrderByQualifier(function.id())
			.stream()
			.filter((configuration) -> !configuration.qualifier().equals(qualifier))
			.mapToInt(ProvisionedConcurrency::provisionedConcurrentExecutions)
			.sum();
		if (others + executions > reserved) {
			throw invalid("Requested Provisioned Concurrency should not be greater than the "
					+ "reservedConcurrentExecution for function (" + reserved + ", of which " + others
					+ " already provisioned)");
		}
	}

	private static PlatformException invalid(String detail) {
		return new PlatformException(ProblemType.VALIDATION_FAILED, detail);
	}

	private static PlatformException conflict(String detail) {
		return new PlatformException(ProblemType.VERSION_IN_USE, detail);
	}

	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

}
