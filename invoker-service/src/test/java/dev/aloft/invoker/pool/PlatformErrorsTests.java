package dev.aloft.invoker.pool;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The payloads the platform answers with when the runtime does not, worded as Lambda
 * words them ({@code LAMBDA-CONTRACT.md} 1.3 and 1.6).
 */
class PlatformErrorsTests {

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void timeout() {
		assertThat(text(PlatformErrors.timeout("X", 3))).isEqualTo(
				"{\"errorType\":\"Sandbox.Timedout\",\"errorMessage\":\"RequestId: X Error: Task timed out after 3.00 seconds\"}");
	}

	@Test
	void initTimeout() {
		assertThat(text(PlatformErrors.initTimeout("X", 10))).isEqualTo(
				"{\"errorType\":\"Sandbox.Timedout\",\"errorMessage\":\"RequestId: X Error: Init timed out after 10.00 seconds\"}");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			1   | Runtime exited with error: exit status 1
			3   | Runtime exited with error: exit status 3
			127 | Runtime exited with error: exit status 127
			128 | Runtime exited with error: exit status 128
			134 | Runtime exited with error: signal: aborted
			137 | Runtime exited with error: signal: killed
			139 | Runtime exited with error: signal: segmentation fault
			143 | Runtime exited with error: signal: terminated
			130 | Runtime exited with error: signal: signal 2
			0   | Runtime exited without providing a reason
			""")
	void exit(int exitCode, String reason) {
		assertThat(text(PlatformErrors.exit("8476a536-e9f4-11e8-9739-2dfe598c3fcd", exitCode))).isEqualTo(
				"{\"errorType\":\"Runtime.ExitError\",\"errorMessage\":\"RequestId: 8476a536-e9f4-11e8-9739-2dfe598c3fcd Error: "
						+ reason + "\"}");
	}

	@Test
	void responseTooLarge() {
		JsonNode error = this.json.readTree(PlatformErrors.responseTooLarge(6_291_556));

		assertThat(error.get("errorType").asString()).isEqualTo("Function.ResponseSizeTooLarge");
		assertThat(error.get("errorMessage").asString())
			.isEqualTo("Response payload size exceeded maximum allowed payload size (6291556 bytes).");
		assertThat(error.properties()).hasSize(2);
	}

	@Test
	void errorTypesAreLambdas() {
		assertThat(PlatformErrors.TIMEOUT).isEqualTo("Sandbox.Timedout");
		assertThat(PlatformErrors.EXIT_ERROR).isEqualTo("Runtime.ExitError");
		assertThat(PlatformErrors.RESPONSE_TOO_LARGE).isEqualTo("Function.ResponseSizeTooLarge");
	}

	@Test
	void platformErrorQuotesItsMessage() {
		JsonNode error = this.json
			.readTree(PlatformErrors.platform(PlatformErrors.START_FAILED, "Cannot run program \"bootstrap\""));

		assertThat(error.get("errorType").asString()).isEqualTo("Aloft.StartFailed");
		assertThat(error.get("errorMessage").asString()).isEqualTo("Cannot run program \"bootstrap\"");
	}

	/**
	 * Start failures carry an exception's message, which may hold anything: the payload
	 * must still be JSON that says exactly that.
	 */
	@Test
	void platformErrorIsValidJsonForAnyMessage() {
		String message = "Could not start: C:\\aloft\\code\tfailed\nsecond line \"quoted\" \u0001";

		JsonNode error = this.json.readTree(PlatformErrors.platform(PlatformErrors.START_FAILED, message));

		assertThat(error.get("errorMessage").asString()).isEqualTo(message);
	}

	private static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

}
