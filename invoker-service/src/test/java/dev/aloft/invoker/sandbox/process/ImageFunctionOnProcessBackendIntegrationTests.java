package dev.aloft.invoker.sandbox.process;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import dev.aloft.contracts.config.FunctionVersionConfig;
import dev.aloft.contracts.invoke.InvokerApi;
import dev.aloft.invoker.FakeControlPlane;
import dev.aloft.invoker.InvokerIntegrationSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An invoker on the process backend turns a container-image function away as it turns
 * away any environment that cannot start, saying why, and fetches no code for it.
 */
class ImageFunctionOnProcessBackendIntegrationTests extends InvokerIntegrationSupport {

	@Test
	void anImageFunctionDoesNotStartAndTheAnswerSaysItNeedsTheDockerBackend() {
		String reference = "team/fn:1";
		String sha256 = FakeControlPlane.sha256(reference.getBytes(StandardCharsets.UTF_8));
		FunctionVersionConfig function = new FunctionVersionConfig(NAMESPACE, "image-on-process",
				FunctionVersionConfig.LATEST, UUID.randomUUID().toString(), "", "", 128, 3, 512, Map.of(), Map.of(),
				sha256, 0, FunctionVersionConfig.IMAGE, reference, null);
		CONTROL_PLANE.put(function);

		Invoked invoked = invoke(function, "{}");

		assertThat(invoked.status()).as(invoked.toString()).isEqualTo(502);
		assertThat(invoked.header(InvokerApi.ERROR_TYPE)).isEqualTo("Aloft.StartFailed");
		assertThat(invoked.json().get("detail").asString())
			.contains("Container-image functions need the docker sandbox backend");
		assertThat(CONTROL_PLANE.codeDownloads(sha256)).as("no code to download").isZero();
	}

}
