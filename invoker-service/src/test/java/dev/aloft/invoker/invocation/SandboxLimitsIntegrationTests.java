package dev.aloft.invoker.invocation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.aloft.contracts.config.FunctionVersionConfig;
import dev.aloft.contracts.invoke.InvokerApi;
import dev.aloft.invoker.FunctionCode;
import dev.aloft.invoker.InvokerIntegrationSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The process backend's limits as a function meets them: memory past its size ends the
 * environment as Lambda ends it, and the function never runs as root.
 */
class SandboxLimitsIntegrationTests extends InvokerIntegrationSupport {

	private static final byte[] HOG = FunctionCode.python("hog", """
			import os

			def handler(event, context):
			    if event.get("megabytes"):
			        hoard = b"x" * (event["megabytes"] * 1024 * 1024)
			        return len(hoard)
			    return {"pid": os.getpid(), "uid": os.getuid()}
			""");

	@Test
	void allocatingPastTheMemorySizeIsAnExitErrorAndTheEnvironmentIsReplaced() {
		FunctionVersionConfig function = deploy("memory-hog", "python3.11", "hog.handler", 10, Map.of(), HOG);
		long firstPid = invoke(function, "{}").json().get("pid").asLong();

		Invoked invoked = invoke(function, "{\"megabytes\":400}");

		assertThat(invoked.status()).as(invoked.toString()).isEqualTo(200);
		assertThat(invoked.header(InvokerApi.FUNCTION_ERROR)).isEqualTo("Unhandled");
		assertThat(invoked.header(InvokerApi.OUTCOME)).isEqualTo("FUNCTION_FAILURE");
		JsonNode error = invoked.json();
		assertThat(error.get("errorType").asString()).isEqualTo("Runtime.ExitError");
		assertThat(error.get("errorMessage").asString())
			.startsWith("RequestId: " + invoked.requestId() + " Error: Runtime exited with error: ");
		JsonNode next = invoke(function, "{}").json();
		assertThat(next.get("pid").asLong()).as("a new environment").isNotEqualTo(firstPid);
	}

	@Test
	void functionRunsAsAnUnprivilegedUserWhenTheInvokerIsRoot() throws Exception {
		assumeTrue(((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0, "the tests run as root");
		FunctionVersionConfig function = deploy("unprivileged", "python3.11", "hog.handler", 10, Map.of(), HOG);

		Invoked invoked = invoke(function, "{}");

		assertThat(invoked.status()).as(invoked.toString()).isEqualTo(200);
		assertThat(invoked.json().get("uid").asInt()).isNotZero();
	}

}
