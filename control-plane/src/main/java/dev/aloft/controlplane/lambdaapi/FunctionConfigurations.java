package dev.aloft.controlplane.lambdaapi;

import dev.aloft.controlplane.function.AliasResponse;
import dev.aloft.controlplane.function.AliasService;
import dev.aloft.controlplane.function.FunctionService;
import dev.aloft.controlplane.function.VersionService;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Reads the configuration a function and qualifier name: {@code $LATEST}, a published
 * version, or the version an alias points at (under the alias's ARN).
 */
@Component
class FunctionConfigurations {

	private static final String LATEST = "$LATEST";

	private final FunctionService functions;

	private final VersionService versions;

	private final AliasService aliases;

	FunctionConfigurations(FunctionService functions, VersionService versions, AliasService aliases) {
		this.functions = functions;
		this.versions = versions;
		this.aliases = aliases;
	}

	/**
	 * The configuration of a function at a qualifier.
	 * @param function the function
	 * @param qualifier {@code $LATEST}, a version, an alias, or null (unqualified ARN)
	 * @return the configuration
	 */
	FunctionConfiguration of(FunctionRef function, @Nullable String qualifier) {
		if (qualifier == null) {
			return FunctionConfiguration.of(this.functions.describe(function.namespace(), function.name()),
					function.arn(), false);
		}
		String version = qualifier;
		if (!isVersion(qualifier) && !qualifier.equals(LATEST)) {
			AliasResponse alias = this.aliases.describeAlias(function.namespace(), function.name(), qualifier);
			version = alias.functionVersion();
		}
		if (version.equals(LATEST)) {
			return FunctionConfiguration.of(this.functions.describe(function.namespace(), function.name()),
					function.arn(qualifier), false);
		}
		return FunctionConfiguration.of(this.versions.describe(function.namespace(), function.name(), version),
				function.arn(qualifier));
	}

	static boolean isVersion(String qualifier) {
		return qualifier.matches("[0-9]+");
	}

}
