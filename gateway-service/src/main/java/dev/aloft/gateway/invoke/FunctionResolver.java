package dev.aloft.gateway.invoke;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

import dev.aloft.configfeed.ConfigView;
import dev.aloft.contracts.config.AliasConfig;
import dev.aloft.contracts.config.FunctionVersionConfig;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Resolves a function and qualifier ({@code $LATEST}, a version number, or an alias) to
 * the version to run, from the gateway's view of the configuration. An alias with a
 * weighted second version sends each invocation there with the configured probability.
 */
@Component
public class FunctionResolver {

	private final DoubleSupplier random;

	FunctionResolver() {
		this(() -> ThreadLocalRandom.current().nextDouble());
	}

	FunctionResolver(DoubleSupplier random) {
		this.random = random;
	}

	/**
	 * The version an invocation of {@code functionName:qualifier} runs.
	 * @param view the configuration
	 * @param namespace the namespace
	 * @param functionName the function
	 * @param qualifier {@code $LATEST}, a version or an alias
	 * @return the version, or null when the function, version or alias does not exist
	 */
	public @Nullable FunctionVersionConfig resolve(ConfigView view, String namespace, String functionName,
			String qualifier) {
		FunctionVersionConfig version = view.functionVersion(namespace, functionName, qualifier);
		if (version != null) {
			return version;
		}
		AliasConfig alias = view.alias(namespace, functionName, qualifier);
		if (alias == null) {
			return null;
		}
		String chosen = alias.functionVersion();
		if (alias.additionalVersion() != null && this.random.getAsDouble() < alias.additionalVersionWeight()) {
			chosen = alias.additionalVersion();
		}
		return view.functionVersion(namespace, functionName, chosen);
	}

}
