package dev.aloft.controlplane.function;

import java.util.Map;
import java.util.TreeMap;

import dev.aloft.contracts.config.FunctionVersionConfig;
import dev.aloft.secrets.SecretBox;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * A function's secret environment variables: the same names and the same 4 KB (counted
 * together with the plain variables, by their plain values) as Lambda's, but stored,
 * copied into versions and published only sealed with the master key for
 * {@code env:<namespace>/<function>/<name>}, and shown only masked.
 * <p>
 * A request names the whole set of secret variables. Because nobody can read a secret
 * back, a value of {@code null} or the {@link #MASK} keeps the current value of that
 * variable, so a function read, edited and written back keeps its secrets; leaving the
 * set out keeps them all.
 */
@Component
class SecretEnvironment {

	/** What responses show instead of a secret value; sent back, it keeps the value. */
	static final String MASK = "********";

	private final SecretBox secretBox;

	SecretEnvironment(SecretBox secretBox) {
		this.secretBox = secretBox;
	}

	/**
	 * Checks and seals a function's secret variables.
	 * @param namespace the function's namespace
	 * @param function the function's name
	 * @param requested the requested secret variables (name to plain value, or to
	 * {@code null} or {@link #MASK} to keep the current value), or null to keep them all
	 * @param current the current sealed values (none for a new function)
	 * @param environment the function's checked plain variables
	 * @return name to sealed value, sorted by name
	 * @throws dev.aloft.problems.PlatformException {@code VALIDATION_FAILED} for an
	 * invalid or reserved name, a name that is also a plain variable, a value to keep
	 * that does not exist, or more than 4 KB in all
	 */
	Map<String, String> seal(String namespace, String function, @Nullable Map<String, @Nullable String> requested,
			Map<String, String> current, Map<String, String> environment) {
		Map<String, @Nullable String> wanted = (requested != null) ? requested : keepAll(current);
		Map<String, String> sealed = new TreeMap<>();
		int total = 0;
		for (Map.Entry<String, String> variable : environment.entrySet()) {
			total += EnvironmentVariables.bytes(variable.getKey(), variable.getValue());
		}
		for (Map.Entry<String, @Nullable String> variable : wanted.entrySet()) {
			String name = variable.getKey();
			EnvironmentVariables.checkName(name);
			if (environment.containsKey(name)) {
				throw EnvironmentVariables
					.invalid("Environment variable '" + name + "' is both a plain and a secret variable");
			}
			String value = variable.getValue();
			String context = FunctionVersionConfig.secretContext(namespace, function, name);
			if (value == null || value.equals(MASK)) {
				String kept = current.get(name);
				if (kept == null) {
					throw EnvironmentVariables.invalid("Secret environment variable '" + name
							+ "' has no value to keep: give its value (a null or masked value keeps the current one)");
				}
				total += EnvironmentVariables.bytes(name, this.secretBox.open(kept, context));
				sealed.put(name, kept);
			}
			else {
				total += EnvironmentVariables.bytes(name, value);
				sealed.put(name, this.secretBox.seal(value, context));
			}
		}
		EnvironmentVariables.checkTotal(total);
		return sealed;
	}

	/**
	 * The secret variables as responses show them: every name, no value.
	 * @param sealed name to sealed value
	 * @return name to {@link #MASK}, sorted by name
	 */
	static Map<String, String> masked(Map<String, String> sealed) {
		Map<String, String> masked = new TreeMap<>();
		sealed.keySet().forEach((name) -> masked.put(name, MASK));
		return masked;
	}

	private static Map<String, @Nullable String> keepAll(Map<String, String> current) {
		Map<String, @Nullable String> keep = new TreeMap<>();
		current.keySet().forEach((name) -> keep.put(name, null));
		return keep;
	}

}
