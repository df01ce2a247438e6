package dev.aloft.controlplane.function;

import dev.aloft.contracts.config.FunctionVersionConfig;
import dev.aloft.contracts.config.ProvisionedConcurrencyConfig;
import dev.aloft.contracts.config.ResourceKind;
import dev.aloft.controlplane.configfeed.ConfigFeed;
import dev.aloft.controlplane.system.ProblemType;
import dev.aloft.problems.PlatformException;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps provisioned concurrency in step with the versions and aliases it hangs off: a
 * deleted version or alias takes its configuration with it, a function's deletion
 * retracts them all, and an alias that moves takes its configuration to the new version.
 * Separate from {@link ProvisionedConcurrencyService} so that the version and alias
 * services can call it without a cycle.
 */
@Component
class ProvisionedConcurrencyTracking {

	private final ProvisionedConcurrencyRepository configurations;

	private final FunctionDefinitionRepository definitions;

	private final ConfigFeed configFeed;

	ProvisionedConcurrencyTracking(ProvisionedConcurrencyRepository configurations,
			FunctionDefinitionRepository definitions, ConfigFeed configFeed) {
		this.configurations = configurations;
		this.definitions = definitions;
		this.configFeed = configFeed;
	}

	/**
	 * A version or alias is going: so does its configuration.
	 */
	void qualifierDeleting(String namespace, FunctionDefinition function, String qualifier) {
		this.configurations.findByFunctionIdAndQualifier(function.id(), qualifier).ifPresent((configuration) -> {
			this.configurations.delete(configuration);
			this.configFeed.retract(ResourceKind.PROVISIONED_CONCURRENCY,
					ProvisionedConcurrencyConfig.keyOf(namespace, function.name(), qualifier));
		});
	}

	/**
	 * The function is going (its row still exists): its rows go by cascade, their feed
	 * entries here.
	 */
	@EventListener
	void functionDeleting(FunctionDeleting deleting) {
		this.definitions.findByNamespaceAndName(deleting.namespace(), deleting.functionName()).ifPresent((function) -> {
			for (ProvisionedConcurrency configuration : this.configurations
				.findByFunctionIdOrderByQualifier(function.id())) {
				this.configFeed.retract(ResourceKind.PROVISIONED_CONCURRENCY, ProvisionedConcurrencyConfig
					.keyOf(deleting.namespace(), deleting.functionName(), configuration.qualifier()));
			}
		});
	}

	/**
	 * Checks that an alias may point at {@code version}: not {@code $LATEST} and not a
	 * version with its own configuration while the alias has one (as Lambda).
	 */
	void requireMovable(FunctionDefinition function, String alias, String version) {
		if (this.configurations.findByFunctionIdAndQualifier(function.id(), alias).isEmpty()) {
			return;
		}
		if (version.equals(FunctionVersionConfig.LATEST)) {
			throw new PlatformException(ProblemType.VALIDATION_FAILED,
					"Alias " + alias + " has provisioned concurrency and cannot point at $LATEST; remove it first");
		}
		if (this.configurations.findByFunctionIdAndQualifier(function.id(), version).isPresent()) {
			throw new PlatformException(ProblemType.VERSION_IN_USE, "Alias " + alias + " and version " + version
					+ " cannot both have provisioned concurrency; remove one first");
		}
	}

	/**
	 * An alias moved: its configuration now provisions the new version.
	 */
	void aliasMoved(String namespace, FunctionDefinition function, String alias, String version) {
		this.configurations.findByFunctionIdAndQualifier(function.id(), alias)
			.ifPresent((configuration) -> this.configFeed
				.publish(configuration.config(namespace, function.name(), version)));
	}

}
