package dev.aloft.gateway.invoke;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

import dev.aloft.configfeed.ConfigView;
import dev.aloft.contracts.config.AliasConfig;
import dev.aloft.contracts.config.FunctionVersionConfig;
import dev.aloft.contracts.config.NamespaceConfig;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Resolves a function and qualifier ({@code $LATEST}, a version number, or an alias) to
 * the version to run, from the gateway's view of the configuration. An alias with a
 * weighted second version sends each invocation there with the configured probability.
 */
@Component
public class FunctionResolver {

	/** The account id of the default namespace. */
	static final String DEFAULT_ACCOUNT_ID = "000000000000";

	private final DoubleSupplier random;

	FunctionResolver() {
		this(() -> ThreadLocalRandom.current().nextDouble());
	}

	FunctionResolver(DoubleSupplier random) {
		this.random = random;
	}

	/**
	 * The account id a namespace's functions carry in ARNs.
	 * @param view the configuration
	 * @param namespace the namespace
	 * @return its account id; the default account while the namespace is not yet known
	 */
	public static String accountId(ConfigView view, String namespace) {
		NamespaceConfig config = view.namespace(namespace);
		return (config != null) ? config.accountId() : DEFAULT_ACCOUNT_ID;
	}

	/**
	 * The namespace with an account id.
	 * @param view the configuration
	 * @param accountId the account id
	 * @return the namespace, or null when no namespace has it
	 */
	public static @Nullable String namespaceOf(ConfigView view, String accountId) {
		for (NamespaceConfig namespace : view.namespaces()) {
			if (namespace.accountId().equals(accountId)) {
				return namespace.name();
			}
		}
		// The default namespace exists from the first start; its entry may just not be
		// seen yet.
		return DEFAULT_ACCOUNT_ID.equals(accountId) ? "default" : null;
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
