package dev.aloft.controlplane.function;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import dev.aloft.problems.PlatformException;
import dev.aloft.controlplane.system.ProblemType;
import org.jspecify.annotations.Nullable;

/**
 * Lambda's rules for a function's environment variables.
 */
final class EnvironmentVariables {

	/** The most bytes all keys and values may take together. */
	static final int MAX_TOTAL_BYTES = 4 * 1024;

	private static final Pattern KEY = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]+");

	/** Set by the platform; a function may not set them. */
	private static final Set<String> RESERVED = Set.of("_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION",
			"AWS_REGION", "AWS_EXECUTION_ENV", "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
			"AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME",
			"AWS_LAMBDA_LOG_STREAM_NAME", "AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
			"AWS_SESSION_TOKEN", "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR");

	private EnvironmentVariables() {
	}

	static Map<String, String> checked(@Nullable Map<String, String> variables) {
		if (variables == null) {
			return Map.of();
		}
		int total = 0;
		for (Map.Entry<String, String> variable : variables.entrySet()) {
			String key = variable.getKey();
			checkName(key);
			if (variable.getValue() == null) {
				throw invalid("Environment variable '" + key + "' has no value");
			}
			total += bytes(key, variable.getValue());
		}
		checkTotal(total);
		return new TreeMap<>(variables);
	}

	/**
	 * Checks a variable's name: Lambda's pattern, not reserved.
	 * @param key the name
	 */
	static void checkName(String key) {
		if (!KEY.matcher(key).matches()) {
			throw invalid("Environment variable name '" + key
					+ "' must start with a letter and have at least 2 letters, digits or underscores");
		}
		if (RESERVED.contains(key)) {
			throw invalid("Environment variable '" + key + "' is reserved by the platform");
		}
	}

	/**
	 * What a variable counts towards the limit: its name's and value's UTF-8 bytes.
	 * @param key the name
	 * @param value the (plain) value
	 * @return the bytes
	 */
	static int bytes(String key, String value) {
		return key.getBytes(StandardCharsets.UTF_8).length + value.getBytes(StandardCharsets.UTF_8).length;
	}

	/**
	 * Checks the size of all of a function's variables, plain and secret, together.
	 * @param total their bytes
	 */
	static void checkTotal(int total) {
		if (total > MAX_TOTAL_BYTES) {
			throw invalid("The environment variables take " + total + " bytes; the limit is " + MAX_TOTAL_BYTES);
		}
	}

	static PlatformException invalid(String detail) {
		return new PlatformException(ProblemType.VALIDATION_FAILED, detail);
	}

}
