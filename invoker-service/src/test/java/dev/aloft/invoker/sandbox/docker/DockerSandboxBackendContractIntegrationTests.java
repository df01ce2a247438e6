package dev.aloft.invoker.sandbox.docker;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.aloft.invoker.sandbox.SandboxBackendContractTests;
import dev.aloft.invoker.spi.OwnerLabels;
import dev.aloft.invoker.spi.Sandbox;
import dev.aloft.invoker.spi.SandboxBackend;
import dev.aloft.invoker.spi.SandboxSpec;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The docker backend keeps the sandbox contract on a real Docker engine, and puts the
 * container's confinement where the engine enforces it. The engine and the image come
 * from {@code .ci/start-docker}; without them these tests fail, saying so.
 */
class DockerSandboxBackendContractIntegrationTests extends SandboxBackendContractTests {

	static final Path SOCKET = Path.of(System.getenv().getOrDefault("ALOFT_DOCKER_SOCKET", "/var/run/docker.sock"));

	static final String IMAGE = System.getenv()
		.getOrDefault("ALOFT_RUNTIME_PYTHON_IMAGE", "aloft/runtime-python:local");

	private final DockerEngine engine = new DockerEngine(SOCKET);

	@Override
	protected SandboxBackend createBackend(Path workDirectory) {
		DockerSandboxBackend backend = new DockerSandboxBackend(
				new DockerSandboxOptions(SOCKET, Map.of("python", IMAGE), "", "", "host"));
		requireEngineAndImage(backend, this.engine);
		return backend;
	}

	static void requireEngineAndImage(DockerSandboxBackend backend, DockerEngine engine) {
		try {
			backend.ping();
		}
		catch (DockerEngineException ex) {
			throw new IllegalStateException(
					"The docker backend's tests need a Docker engine at " + SOCKET + ": run .ci/start-docker", ex);
		}
		if (!engine.call("GET", "/images/" + IMAGE + "/json", null).ok()) {
			throw new IllegalStateException("The docker backend's tests need the image " + IMAGE
					+ ", which .ci/start-docker builds: run .ci/start-docker");
		}
	}

	@Override
	protected String python() {
		return "python3";
	}

	@Override
	protected String taskRoot() {
		return DockerSandboxBackend.TASK_ROOT;
	}

	@Override
	protected void assertGone(Sandbox sandbox) {
		await().atMost(WAIT).until(() -> inspect(sandbox) == null);
	}

	private JsonNode inspect(Sandbox sandbox) {
		DockerEngine.Response response = this.engine.call("GET", "/containers/aloft-" + sandbox.id() + "/json", null);
		return response.ok() ? this.engine.parse(response) : null;
	}

	@Test
	void theContainerCarriesTheLimitsAndConfinement() throws Exception {
		Sandbox sandbox = create(spec(this.instance, python(), "-c", "import time; time.sleep(600)"));

		JsonNode container = inspect(sandbox);

		JsonNode host = container.path("HostConfig");
		assertThat(host.path("Memory").asLong()).isEqualTo(64L * 1024 * 1024);
		assertThat(host.path("MemorySwap").asLong()).isEqualTo(64L * 1024 * 1024);
		assertThat(host.path("CpuShares").asInt()).isEqualTo(64 * 1024 / 1769);
		assertThat(host.path("PidsLimit").asInt()).isEqualTo(256);
		assertThat(host.path("ReadonlyRootfs").asBoolean()).isTrue();
		assertThat(host.path("SecurityOpt").toString()).contains("no-new-privileges");
		assertThat(host.path("CapDrop").toString()).contains("ALL");
		assertThat(host.path("NetworkMode").asString()).isEqualTo("host");
		assertThat(host.path("Tmpfs").path("/tmp").asString()).contains("size=16m");
		assertThat(host.path("Binds").toString()).contains(this.code + ":/var/task:ro");
	}

	@Test
	void theContainerIsLabelledWithItsOwnerFunctionAndVersion() throws Exception {
		Sandbox sandbox = create(spec(this.instance, python(), "-c", "import time; time.sleep(600)"));

		JsonNode labels = inspect(sandbox).path("Config").path("Labels");

		assertThat(labels.path(SandboxSpec.INSTANCE_LABEL).asString()).isEqualTo(this.instance);
		assertThat(labels.path(SandboxSpec.FUNCTION_LABEL).asString()).isEqualTo("default/contract");
		assertThat(labels.path(SandboxSpec.VERSION_LABEL).asString()).isEqualTo("$LATEST");
		assertThat(labels.path(DockerSandboxBackend.SANDBOX_LABEL).asString()).isEqualTo(sandbox.id().value());
	}

	@Test
	void onlyTmpIsWritableAndTheCodeIsReadOnly() throws Exception {
		Sandbox sandbox = create(spec(this.instance, python(), "-c", """
				import os
				for path in ["/tmp/x", "/var/task/x", "/x"]:
				    try:
				        open(path, "w").write("x")
				        print(path + " writable")
				    except OSError:
				        print(path + " read-only")
				"""));

		assertThat(sandbox.exited().get(WAIT.toSeconds(), TimeUnit.SECONDS).exitCode()).isZero();
		assertThat(this.lines).extracting(Line::text)
			.containsExactly("/tmp/x writable", "/var/task/x read-only", "/x read-only");
	}

	@Test
	void reapingLeavesOtherOwnersContainersAlone() throws Exception {
		String other = "contract-other-" + UUID.randomUUID().toString().substring(0, 8);
		Sandbox mine = create(spec(this.instance, python(), "-c", "import time; time.sleep(600)"));
		Sandbox theirs = create(spec(other, python(), "-c", "import time; time.sleep(600)"));

		this.backend.reapOrphans(new OwnerLabels(this.instance));

		mine.exited().get(WAIT.toSeconds(), TimeUnit.SECONDS);
		assertThat(inspect(theirs).path("State").path("Running").asBoolean()).isTrue();
	}

	@Test
	void anOutOfMemoryKillIsReportedAsSuch() throws Exception {
		Sandbox sandbox = create(spec(this.instance, python(), this.code.resolve("hog.py").toString()));

		assertThat(sandbox.exited().get(WAIT.toSeconds(), TimeUnit.SECONDS).outOfMemory()).isTrue();
	}

}
