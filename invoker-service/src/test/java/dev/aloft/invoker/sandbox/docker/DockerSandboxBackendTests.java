package dev.aloft.invoker.sandbox.docker;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.aloft.invoker.spi.InvalidSandboxSpecException;
import dev.aloft.invoker.spi.LogSink.LogStream;
import dev.aloft.invoker.spi.SandboxId;
import dev.aloft.invoker.spi.SandboxLimits;
import dev.aloft.invoker.spi.SandboxProcess;
import dev.aloft.invoker.spi.SandboxSpec;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The docker backend's translation of a spec and its stream framing, without an engine.
 */
class DockerSandboxBackendTests {

	@TempDir
	Path temp;

	private final DockerSandboxBackend backend = new DockerSandboxBackend(new DockerSandboxOptions(
			Path.of("/nonexistent.sock"), Map.of("python3.11", "py311", "nodejs", "node"), "", "", "host"));

	@Test
	void pathsIntoTheCodePointIntoTheTaskRootAndHostProgramsAreLookedUpByName() {
		Path code = Path.of("/work/code/abc");
		SandboxProcess process = new SandboxProcess(List.of("/opt/python/bin/python3.11", "-u",
				"/work/runtimes/python/bootstrap.py", "/work/code/abc", "/work/code/abc/lib/x.py"), code, Map.of());

		assertThat(DockerSandboxBackend.command(process, code, Path.of("/work/runtimes"))).containsExactly("python3.11",
				"-u", "/work/runtimes/python/bootstrap.py", "/var/task", "/var/task/lib/x.py");
	}

	@Test
	void aBootstrapInTheCodeOrTheRuntimeDirectoryRunsFromItsMount() {
		Path code = Path.of("/work/code/abc");

		assertThat(DockerSandboxBackend.command(new SandboxProcess(List.of("/work/code/abc/bootstrap"), code, Map.of()),
				code, null))
			.containsExactly("/var/task/bootstrap");
		assertThat(DockerSandboxBackend.command(new SandboxProcess(List.of("/work/runtimes/bootstrap"), code, Map.of()),
				code, Path.of("/work/runtimes")))
			.containsExactly("/work/runtimes/bootstrap");
	}

	@Test
	void theRuntimeComesFromTheExecutionEnvironmentAndIsProvidedWithoutOne() {
		assertThat(DockerSandboxBackend.runtime(
				new SandboxProcess(List.of("x"), Path.of("/c"), Map.of("AWS_EXECUTION_ENV", "AWS_Lambda_python3.11"))))
			.isEqualTo("python3.11");
		assertThat(DockerSandboxBackend.runtime(new SandboxProcess(List.of("x"), Path.of("/c"), Map.of())))
			.isEqualTo("provided");
	}

	@Test
	void imagesAreFoundByRuntimeThenFamilyThenDefault() {
		DockerSandboxOptions options = new DockerSandboxOptions(Path.of("/s"),
				Map.of("python3.11", "py311", "python", "py", "provided", "custom"), "fallback", "", "none");

		assertThat(options.image("python3.11")).isEqualTo("py311");
		assertThat(options.image("python3.12")).isEqualTo("py");
		assertThat(options.image("provided.al2023")).isEqualTo("custom");
		assertThat(options.image("nodejs22.x")).isEqualTo("fallback");
	}

	@Test
	void onlyHostOrNoNetwork() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new DockerSandboxOptions(Path.of("/s"), Map.of(), "", "", "bridge"));
	}

	@Test
	void aRuntimeWithoutAnImageIsRejectedAtAdmission() throws IOException {
		Path code = Files.createDirectories(this.temp.resolve("code"));
		SandboxSpec spec = new SandboxSpec(new SandboxId("s-1"), Map.of(),
				new SandboxProcess(List.of("java"), code, Map.of("AWS_EXECUTION_ENV", "AWS_Lambda_java21")),
				new SandboxLimits(128, 512, 1024), (stream, line) -> {
				});

		assertThatExceptionOfType(InvalidSandboxSpecException.class).isThrownBy(() -> this.backend.validate(spec))
			.withMessageContaining("aloft.invoker.sandbox.docker.images.java21");
	}

	@Test
	void theContainerGetsTheTaskRootAPrivateTmpAndNoImageEntrypoint() throws IOException {
		Path code = Files.createDirectories(this.temp.resolve("code"));
		SandboxSpec spec = new SandboxSpec(new SandboxId("s-1"), Map.of("aloft.instance", "i"),
				new SandboxProcess(List.of("python3"), code, Map.of("AWS_EXECUTION_ENV", "AWS_Lambda_python3.11")),
				new SandboxLimits(1769, 512, 1024), (stream, line) -> {
				});

		Map<String, Object> config = this.backend.containerConfig(spec);

		assertThat(config).containsEntry("Image", "py311")
			.containsEntry("Entrypoint", List.of())
			.containsEntry("WorkingDir", "/var/task");
		assertThat(config.get("Env")).asInstanceOf(InstanceOfAssertFactories.LIST)
			.contains("LAMBDA_TASK_ROOT=/var/task", "TMPDIR=/tmp", "HOME=/tmp");
		assertThat(config.get("HostConfig")).asInstanceOf(InstanceOfAssertFactories.MAP)
			.containsEntry("CpuShares", 1024);
	}

	@Test
	void theTelemetryDescriptorVariableStaysOutOfTheContainerWhichHasNoSuchDescriptor() throws IOException {
		Path code = Files.createDirectories(this.temp.resolve("code"));
		SandboxSpec spec = new SandboxSpec(new SandboxId("s-1"), Map.of("aloft.instance", "i"),
				new SandboxProcess(List.of("python3"), code,
						Map.of("AWS_EXECUTION_ENV", "AWS_Lambda_python3.11", "_LAMBDA_TELEMETRY_LOG_FD", "3")),
				new SandboxLimits(128, 512, 1024), (stream, line) -> {
				});

		Map<String, Object> config = this.backend.containerConfig(spec);

		assertThat(config.get("Env")).asInstanceOf(InstanceOfAssertFactories.LIST)
			.contains("AWS_EXECUTION_ENV=AWS_Lambda_python3.11")
			.noneMatch((variable) -> variable.toString().startsWith("_LAMBDA_TELEMETRY_LOG_FD="));
	}

	@Test
	void chunkedBodiesAreUnframed() throws IOException {
		byte[] framed = "5\r\nhello\r\n7;ext=1\r\n, world\r\n0\r\nTrailer: x\r\n\r\n"
			.getBytes(StandardCharsets.US_ASCII);

		byte[] body = new ChunkedInputStream(new ByteArrayInputStream(framed)).readAllBytes();

		assertThat(new String(body, StandardCharsets.US_ASCII)).isEqualTo("hello, world");
	}

	@Test
	void multiplexedFramesBecomeLinesPerStreamEvenAcrossFrames() throws IOException {
		ByteArrayOutputStream stream = new ByteArrayOutputStream();
		frame(stream, 1, "first li");
		frame(stream, 2, "an error\r\n");
		frame(stream, 1, "ne\nsecond\nunterminated");
		List<String> lines = new CopyOnWriteArrayList<>();

		new MultiplexedLogs((name, line) -> lines.add(name + " " + line))
			.pump(new ByteArrayInputStream(stream.toByteArray()));

		assertThat(lines).containsExactly(LogStream.STDERR + " an error", LogStream.STDOUT + " first line",
				LogStream.STDOUT + " second", LogStream.STDOUT + " unterminated");
	}

	private static void frame(ByteArrayOutputStream stream, int type, String payload) {
		byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
		stream.write(type);
		stream.writeBytes(new byte[] { 0, 0, 0 });
		stream.write((bytes.length >>> 24) & 0xff);
		stream.write((bytes.length >>> 16) & 0xff);
		stream.write((bytes.length >>> 8) & 0xff);
		stream.write(bytes.length & 0xff);
		stream.writeBytes(bytes);
	}

}
