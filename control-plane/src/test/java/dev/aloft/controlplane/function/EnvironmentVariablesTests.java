package dev.aloft.controlplane.function;

import java.util.HashMap;
import java.util.Map;

import dev.aloft.problems.PlatformException;
import dev.aloft.controlplane.system.ProblemType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Lambda's rules for environment variables: names, reserved names, and 4 KB in all.
 */
class EnvironmentVariablesTests {

	@Test
	void noVariablesIsEmpty() {
		assertThat(EnvironmentVariables.checked(null)).isEmpty();
		assertThat(EnvironmentVariables.checked(Map.of())).isEmpty();
	}

	@Test
	void keepsValidVariablesSortedByName() {
		Map<String, String> checked = EnvironmentVariables.checked(Map.of("TABLE", "t", "Stage", "", "a_1", "x"));

		assertThat(checked).containsExactly(Map.entry("Stage", ""), Map.entry("TABLE", "t"), Map.entry("a_1", "x"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "A", "1A", "_A", "A-B", "A B", "A.B", "\u00c4B", "" })
	void rejectsInvalidNames(String name) {
		assertInvalid(Map.of(name, "v"), "must start with a letter");
	}

	@ParameterizedTest
	@ValueSource(strings = { "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_LAMBDA_FUNCTION_NAME", "AWS_ACCESS_KEY_ID",
			"AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT" })
	void rejectsNamesReservedByThePlatform(String name) {
		assertInvalid(Map.of(name, "v"), "reserved");
	}

	@ParameterizedTest
	@ValueSource(strings = { "_HANDLER", "_X_AMZN_TRACE_ID" })
	void rejectsReservedNamesThatAreNotValidNamesEither(String name) {
		assertInvalid(Map.of(name, "v"), name);
	}

	@Test
	void rejectsVariableWithoutValue() {
		Map<String, String> variables = new HashMap<>();
		variables.put("EMPTY", null);

		assertInvalid(variables, "has no value");
	}

	@Test
	void acceptsExactlyFourKilobytesOfNamesAndValues() {
		String value = "v".repeat(4096 - "KEY".length());

		assertThat(EnvironmentVariables.checked(Map.of("KEY", value))).containsEntry("KEY", value);
		assertInvalid(Map.of("KEY", value + "v"), "the limit is 4096");
	}

	@Test
	void countsUtf8Bytes() {
		String value = "\u00e9".repeat(2047);

		assertThat(EnvironmentVariables.checked(Map.of("K1", value))).hasSize(1);
		assertInvalid(Map.of("K1", value + "\u00e9"), "4098 bytes");
	}

	private static void assertInvalid(Map<String, String> variables, String reason) {
		assertThatExceptionOfType(PlatformException.class).isThrownBy(() -> EnvironmentVariables.checked(variables))
			.satisfies((ex) -> {
				assertThat(ex.problemType()).isEqualTo(ProblemType.VALIDATION_FAILED);
				assertThat(ex.getBody().getDetail()).contains(reason);
			});
	}

}
