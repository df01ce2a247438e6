package dev.aloft.invoker.sandbox.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import dev.aloft.invoker.spi.InvalidSandboxSpecException;
import dev.aloft.invoker.spi.LogSink;
import dev.aloft.invoker.spi.LogSink.LogStream;
import dev.aloft.invoker.spi.OwnerLabels;
import dev.aloft.invoker.spi.Sandbox;
import dev.aloft.invoker.spi.SandboxExit;
import dev.aloft.invoker.spi.SandboxId;
import dev.aloft.invoker.spi.SandboxLimits;
import dev.aloft.invoker.spi.SandboxProcess;
import dev.aloft.invoker.spi.SandboxSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The process backend on its own: real child processes, no Spring.
 */
class ProcessSandboxBackendTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	@TempDir
	Path temp;

	private Path sandboxRoot;

	private Path code;

	private ProcessSandboxBackend backend;

	private final List<Line> lines = new CopyOnWriteArrayList<>();

	private final List<Sandbox> created = new ArrayList<>();

	private final List<ProcessHandle> started = new ArrayList<>();

	@BeforeEach
	void createBackend() throws IOException {
		this.sandboxRoot = Files.createDirectories(this.temp.resolve("sandboxes"));
		this.code = Files.createDirectories(this.temp.resolve("code"));
		this.backend = new ProcessSandboxBackend(this.sandboxRoot);
	}

	@AfterEach
	void killEverything() {
		this.created.forEach((sandbox) -> sandbox.destroy().join());
		this.started.forEach(ProcessHandle::destroyForcibly);
	}

	@Test
	void kindIsProcess() {
		assertThat(this.backend.kind()).isEqualTo("process");
	}

	@Test
	void capturesBothStreamsAndTheExitCode() throws Exception {
		Sandbox sandbox = create(spec("sh", "-c", "echo out; echo err >&2; echo more; exit 7"));

		SandboxExit exit = sandbox.exited().get(WAIT.toSeconds(), TimeUnit.SECONDS);

		assertThat(exit.exitCode()).isEqualTo(7);
		assertThat(exit.outOfMemory()).isFalse();
		// The exit is reported once the output is read, so every line is there by now.
		assertThat(this.lines).filteredOn((line) -> line.stream() == LogStream.STDOUT)
			.extracting(Line::text)
			.containsExactly("out", "more");
		assertThat(this.lines).filteredOn((line) -> line.stream() == LogStream.STDERR)
			.extracting(Line::text)
			.containsExactly("err");
	}

	@Test
	void childSeesOnlyItsSpecsEnvironmentPlusTaskRootTmpAndHome() throws Exception {
		Sandbox sandbox = create(spec(Map.of("ONLY", "this", "GREETING", "hello world"), "/usr/bin/env"));

		assertThat(sandbox.exited().get(WAIT.toSeconds(), TimeUnit.SECONDS).exitCode()).isZero();

		Path tmp = this.sandboxRoot.resolve(sandbox.id().value()).resolve("tmp");
		assertThat(this.lines).extracting(Line::text)
			.containsExactlyInAnyOrder("ONLY=this", "GREETING=hello world", "LAMBDA_TASK_ROOT=" + this.code,
					"TMPDIR=" + tmp, "HOME=" + tmp);
	}

	@Test
	void runsInTheCodeDirectoryWithAPrivateTmp() throws Exception {
		Sandbox sandbox = create(spec("sh", "-c", "pwd; test -d \"$TMPDIR\" && echo tmp-exists"));

		assertThat(sandbox.exited().get(WAIT.toSeconds(), TimeUnit.SECONDS).exitCode()).isZero();
		assertThat(this.lines).extracting(Line::text).containsExactly(this.code.toString(), "tmp-exists");
		assertThat(this.sandboxRoot.resolve(sandbox.id().value()).resolve("tmp")).isDirectory();
	}

	@Test
	void destroyKillsTheWholeProcessTreeAndRemovesTheDirectory() throws Exception {
		Sandbox sandbox = create(spec("sh", "-c", "echo $$; sleep 60 & echo $!; wait"));
		await().atMost(WAIT).until(() -> this.lines.size() == 2);
		ProcessHandle shell = ProcessHandle.of(Long.parseLong(this.lines.get(0).text())).orElseThrow();
		ProcessHandle child = ProcessHandle.of(Long.parseLong(this.lines.get(1).text())).orElseThrow();
		Path directory = this.sandboxRoot.resolve(sandbox.id().value());
		assertThat(directory).isDirectory();

		sandbox.destroy().get(WAIT.toSeconds(), TimeUnit.SECONDS);

		assertThat(directory).doesNotExist();
		await().atMost(WAIT).until(() -> !shell.isAlive() && !child.isAlive());
		assertThat(sandbox.exited().get(WAIT.toSeconds(), TimeUnit.SECONDS).exitCode()).isEqualTo(128 + 9);
	}

	@Test
	void destroyIsIdempotent() throws Exception {
		Sandbox sandbox = create(spec("sleep", "60"));

		sandbox.destroy().get(WAIT.toSeconds(), TimeUnit.SECONDS);
		sandbox.destroy().get(WAIT.toSeconds(), TimeUnit.SECONDS);

		assertThat(this.sandboxRoot.resolve(sandbox.id().value())).doesNotExist();
	}

	@Test
	void reapOrphansKillsWhatAnEarlierBackendLeftBehind() throws Exception {
		Sandbox orphan = create(spec("sh", "-c", "echo $$; sleep 60 & echo $!; wait"));
		await().atMost(WAIT).until(() -> this.lines.size() == 2);
		ProcessHandle shell = ProcessHandle.of(Long.parseLong(this.lines.get(0).text())).orElseThrow();
		ProcessHandle child = ProcessHandle.of(Long.parseLong(this.lines.get(1).text())).orElseThrow();
		Path directory = this.sandboxRoot.resolve(orphan.id().value());

		// A new run of the invoker, on the same directory.
		new ProcessSandboxBackend(this.sandboxRoot).reapOrphans(new OwnerLabels("invoker-1"));

		await().atMost(WAIT).until(() -> !shell.isAlive() && !child.isAlive());
		assertThat(directory).doesNotExist();
		assertThat(orphan.exited().get(WAIT.toSeconds(), TimeUnit.SECONDS).exitCode()).isEqualTo(128 + 9);
	}

	@Test
	void reapOrphansSparesAProcessThatOnlyReusedTheRecordedPid() throws IOException {
		Process unrelated = new ProcessBuilder("sleep", "60").start();
		this.started.add(unrelated.toHandle());
		Path directory = Files.createDirectories(this.sandboxRoot.resolve("recycled-pid"));
		Files.writeString(directory.resolve("process.pid"), unrelated.pid() + " 2001-01-01T00:00:00Z",
				StandardCharsets.US_ASCII);

		this.backend.reapOrphans(new OwnerLabels("invoker-1"));

		assertThat(unrelated.isAlive()).isTrue();
		assertThat(directory).doesNotExist();
	}

	@Test
	void reapOrphansClearsLeftoverDirectoriesWithoutProcesses() throws IOException {
		Path leftover = Files.createDirectories(this.sandboxRoot.resolve("leftover").resolve("tmp"));
		Files.writeString(leftover.resolve("file"), "data");

		this.backend.reapOrphans(new OwnerLabels("invoker-1"));

		assertThat(this.sandboxRoot).isEmptyDirectory();
	}

	@Test
	void reapOrphansWithoutARootDoesNothing() {
		new ProcessSandboxBackend(this.temp.resolve("missing")).reapOrphans(new OwnerLabels("invoker-1"));

		assertThat(this.temp.resolve("missing")).doesNotExist();
	}

	@Test
	void validateRefusesAMissingCodeDirectory() {
		SandboxSpec spec = spec(this.temp.resolve("no-code"), Map.of(), "true");

		assertThatExceptionOfType(InvalidSandboxSpecException.class).isThrownBy(() -> this.backend.validate(spec))
			.withMessageContaining("no-code");
	}

	@Test
	void createNeverThrowsAndFailsTheFutureForAMissingCodeDirectory() {
		SandboxSpec spec = spec(this.temp.resolve("no-code"), Map.of(), "true");

		CompletableFuture<Sandbox> sandbox = this.backend.create(spec);

		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> sandbox.get(20, TimeUnit.SECONDS))
			.withCauseInstanceOf(InvalidSandboxSpecException.class);
	}

	@Test
	void createFailsTheFutureAndCleansUpWhenTheCommandCannotRun() {
		SandboxSpec spec = spec(this.code, Map.of(), this.code.resolve("missing-bootstrap").toString());

		CompletableFuture<Sandbox> sandbox = this.backend.create(spec);

		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> sandbox.get(20, TimeUnit.SECONDS));
		assertThat(this.sandboxRoot.resolve(spec.id().value())).doesNotExist();
	}

	private Sandbox create(SandboxSpec spec) throws Exception {
		Sandbox sandbox = this.backend.create(spec).get(WAIT.toSeconds(), TimeUnit.SECONDS);
		this.created.add(sandbox);
		assertThat(sandbox.id()).isEqualTo(spec.id());
		return sandbox;
	}

	private SandboxSpec spec(String... command) {
		return spec(Map.of("PATH", "/usr/bin:/bin"), command);
	}

	private SandboxSpec spec(Map<String, String> environment, String... command) {
		return spec(this.code, environment, command);
	}

	private SandboxSpec spec(Path codeDirectory, Map<String, String> environment, String... command) {
		SandboxId id = new SandboxId(UUID.randomUUID().toString());
		LogSink sink = (stream, line) -> this.lines.add(new Line(stream, line));
		return new SandboxSpec(id,
				Map.of(SandboxSpec.INSTANCE_LABEL, "invoker-1", SandboxSpec.FUNCTION_LABEL, "default/test",
						SandboxSpec.VERSION_LABEL, "$LATEST"),
				new SandboxProcess(List.of(command), codeDirectory, environment), new SandboxLimits(128, 512, 1024),
				sink);
	}

	private record Line(LogStream stream, String text) {
	}

}
