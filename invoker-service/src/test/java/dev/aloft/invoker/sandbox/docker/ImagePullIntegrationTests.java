package dev.aloft.invoker.sandbox.docker;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.UUID;

import dev.aloft.contracts.config.FunctionVersionConfig;
import dev.aloft.contracts.invoke.InvokerApi;
import dev.aloft.invoker.InvokerIntegrationSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Container-image functions whose image the engine does not hold yet: with
 * {@code pull=missing} (the default) the invoker has the engine pull it from its
 * registry, here one on loopback, before the first environment starts; an image the
 * registry does not have either fails the start, and the answer says why.
 */
@TestPropertySource(properties = { "aloft.invoker.sandbox.backend=docker", "aloft.invoker.instance-id=invoker-pull-it",
		"aloft.invoker.sandbox.docker.pull=missing" })
class ImagePullIntegrationTests extends InvokerIntegrationSupport {

	private static final DockerEngine ENGINE = new DockerEngine(DockerSandboxBackendContractIntegrationTests.SOCKET);

	private static LocalRegistry registry;

	@BeforeAll
	static void startRegistry() throws IOException {
		ContainerImageFunctionIntegrationTests.buildTheImage();
		registry = LocalRegistry.start(Files.createTempDirectory("aloft-registry"));
	}

	@AfterAll
	static void stopRegistry() {
		if (registry != null) {
			registry.close();
		}
	}

	@Test
	void aMissingImageIsPulledFromItsRegistryAndRuns() throws Exception {
		String reference = registry.push(ContainerImageFunctionIntegrationTests.IMAGE,
				"aloft-test/pulled-" + UUID.randomUUID().toString().substring(0, 8) + ":1");
		assertThat(ENGINE.call("GET", "/images/" + reference + "/json", null).status()).as("not on the engine")
			.isEqualTo(404);
		FunctionVersionConfig function = ContainerImageFunctionIntegrationTests.deploy("image-pulled", reference,
				Map.of(), null);

		Invoked invoked = invoke(function, "{\"message\":\"pulled\"}");

		assertThat(invoked.status()).as(invoked.toString()).isEqualTo(200);
		assertThat(invoked.header(InvokerApi.OUTCOME)).isEqualTo("SUCCESS");
		assertThat(invoked.json().get("message").asString()).isEqualTo("pulled");
		assertThat(ENGINE.call("GET", "/images/" + reference + "/json", null).status()).as("pulled").isEqualTo(200);
	}

	@Test
	void anImageItsRegistryDoesNotHaveFailsTheStartAndTheAnswerSaysWhy() {
		String reference = registry.address() + "/aloft-test/never-pushed:1";
		FunctionVersionConfig function = ContainerImageFunctionIntegrationTests.deploy("image-unpullable", reference,
				Map.of(), null);

		Invoked invoked = invoke(function, "{}");

		assertThat(invoked.status()).as(invoked.toString()).isEqualTo(502);
		assertThat(invoked.header(InvokerApi.ERROR_TYPE)).isEqualTo("Aloft.StartFailed");
		assertThat(invoked.json().get("detail").asString()).contains("Pulling the image " + reference);
	}

}
