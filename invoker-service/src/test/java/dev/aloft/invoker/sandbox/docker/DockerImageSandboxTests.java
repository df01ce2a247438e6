package dev.aloft.invoker.sandbox.docker;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.aloft.invoker.spi.InvalidSandboxSpecException;
import dev.aloft.invoker.spi.LogSink;
import dev.aloft.invoker.spi.SandboxId;
import dev.aloft.invoker.spi.SandboxImage;
import dev.aloft.invoker.spi.SandboxLimits;
import dev.aloft.invoker.spi.SandboxProcess;
import dev.aloft.invoker.spi.SandboxSpec;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * How the docker backend turns a container-image spec into a container, without an
 * engine: the image's own settings unless {@code ImageConfig} replaces them, one by one
 * as Lambda does, and the confinement of every container.
 */
class DockerImageSandboxTests {

	private static final JsonNode IMAGE_CONFIG = JsonMapper.builder()
		.build()
		.readTree(
				"{\"Entrypoint\":[\"/lambda-entrypoint.sh\"],\"Cmd\":[\"app.handler\"],\"WorkingDir\":\"/var/task\"}");

	private final DockerSandboxBackend backend = new DockerSandboxBackend(
			new DockerSandboxOptions(Path.of("/nonexistent.sock"), Map.of(), "", "", "none"));

	@Test
	void withoutImageConfigTheImagesOwnEntryPointCommandAndDirectoryRun() {
		SandboxSpec spec = spec(
				new SandboxImage("team/fn:1", Map.of("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:9001/t", "GREETING", "hi")));

		Map<String, Object> config = this.backend.containerConfig(spec, IMAGE_CONFIG);

		assertThat(config).containsEntry("Image", "team/fn:1").doesNotContainKeys("Entrypoint", "Cmd", "WorkingDir");
		assertThat(config.get("Env")).asInstanceOf(InstanceOfAssertFactories.LIST)
			.containsExactlyInAnyOrder("AWS_LAMBDA_RUNTIME_API=127.0.0.1:9001/t", "GREETING=hi",
					"LAMBDA_TASK_ROOT=/var/task", "TMPDIR=/tmp", "HOME=/tmp");
	}

	@Test
	void aCommandAloneReplacesTheImagesCommandUnderItsOwnEntryPoint() {
		SandboxSpec spec = spec(new SandboxImage("team/fn:1", List.of(), List.of("other.handler"), "/srv", Map.of()));

		Map<String, Object> config = this.backend.containerConfig(spec, IMAGE_CONFIG);

		assertThat(config).doesNotContainKey("Entrypoint")
			.containsEntry("Cmd", List.of("other.handler"))
			.containsEntry("WorkingDir", "/srv");
	}

	@Test
	void anEntryPointAloneKeepsTheImagesCommandAsLambdaDoes() {
		SandboxSpec spec = spec(new SandboxImage("team/fn:1", List.of("/bin/other"), List.of(), null, Map.of()));

		Map<String, Object> config = this.backend.containerConfig(spec, IMAGE_CONFIG);

		assertThat(config).containsEntry("Entrypoint", List.of("/bin/other"))
			.containsEntry("Cmd", List.of("app.handler"))
			.doesNotContainKey("WorkingDir");
	}

	@Test
	void theContainerIsConfinedAsEveryOtherWithoutAnyMount() {
		SandboxSpec spec = spec(new SandboxImage("team/fn:1", Map.of()));

		Map<String, Object> config = this.backend.containerConfig(spec, IMAGE_CONFIG);

		assertThat(config.get("Labels")).asInstanceOf(InstanceOfAssertFactories.MAP)
			.containsEntry(SandboxSpec.INSTANCE_LABEL, "i")
			.containsEntry(DockerSandboxBackend.SANDBOX_LABEL, "s-1");
		assertThat(config.get("HostConfig")).asInstanceOf(InstanceOfAssertFactories.MAP)
			.containsEntry("Memory", 256L * 1024 * 1024)
			.containsEntry("MemorySwap", 256L * 1024 * 1024)
			.containsEntry("PidsLimit", 1024)
			.containsEntry("ReadonlyRootfs", true)
			.containsEntry("CapDrop", List.of("ALL"))
			.containsEntry("SecurityOpt", List.of("no-new-privileges"))
			.containsEntry("NetworkMode", "none")
			.containsEntry("Binds", List.of())
			.containsEntry("Tmpfs", Map.of("/tmp", "rw,nosuid,nodev,mode=1777,size=512m"));
	}

	@Test
	void anImageWithNothingToRunIsRefused() {
		SandboxSpec spec = spec(new SandboxImage("team/empty:1", Map.of()));

		assertThatExceptionOfType(InvalidSandboxSpecException.class)
			.isThrownBy(
					() -> this.backend.containerConfig(spec, JsonMapper.builder().build().readTree("{\"Cmd\":null}")))
			.withMessageContaining("team/empty:1")
			.withMessageContaining("neither an ENTRYPOINT nor a CMD");
	}

	@Test
	void anImageSpecNeedsNoCodeDirectoryNorRuntimeImageAtAdmission() {
		assertThatNoException().isThrownBy(() -> this.backend.validate(spec(new SandboxImage("team/fn:1", Map.of()))));
	}

	@Test
	void aSpecRunsAProcessOrAnImageNeverBoth() {
		SandboxProcess process = new SandboxProcess(List.of("python3"), Path.of("/c"), Map.of());
		SandboxImage image = new SandboxImage("team/fn:1", Map.of());

		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SandboxSpec(new SandboxId("s-1"), Map.of(), process, limits(), noLog(), image));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SandboxSpec(new SandboxId("s-1"), Map.of(), null, limits(), noLog(), null));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SandboxImage("team/fn:1", List.of(), List.of(), "relative", Map.of()));
	}

	@Test
	void pullsNameATagOrDigestSoNeverEveryTag() {
		assertThat(DockerImages.ImageName.of("registry.example:5000/team/fn:1.4"))
			.isEqualTo(new DockerImages.ImageName("registry.example:5000/team/fn", "1.4"));
		assertThat(DockerImages.ImageName.of("registry.example:5000/team/fn"))
			.isEqualTo(new DockerImages.ImageName("registry.example:5000/team/fn", "latest"));
		assertThat(DockerImages.ImageName.of("team/fn@sha256:abc"))
			.isEqualTo(new DockerImages.ImageName("team/fn", "sha256:abc"));
	}

	private static SandboxSpec spec(SandboxImage image) {
		return new SandboxSpec(new SandboxId("s-1"), Map.of(SandboxSpec.INSTANCE_LABEL, "i"), image, limits(), noLog());
	}

	private static SandboxLimits limits() {
		return new SandboxLimits(256, 512, 1024);
	}

	private static LogSink noLog() {
		return (stream, line) -> {
		};
	}

}
