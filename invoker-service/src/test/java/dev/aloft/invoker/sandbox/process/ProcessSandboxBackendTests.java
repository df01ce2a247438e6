package dev.aloft.invoker.sandbox.process;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
		// The unprivileged user of a confined sandbox must reach its code and its tmp.
		Files.setPosixFilePermissions(this.temp, PosixFilePermissions.fromString("rwxr-xr-x"));
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
	void framesWrittenToTheTelemetryDescriptorAreOneStdoutLineEach() throws Exception {
		Sandbox sandbox = create(spec(Map.of("PATH", "/usr/bin:/bin", "_LAMBDA_TELEMETRY_LOG_FD", "3"), "sh", "-c",
				writeFrame("first") + "; " + writeFrame("a\\nb") + "; echo printed"));

		assertThat(sandbox.exited().get(WAIT.toSeconds(), TimeUnit.SECONDS).exitCode()).isZero();
		// Each file is read to its end in turn: stdout's lines, then the frames.
		assertThat(this.lines).filteredOn((line) -> line.stream() == LogStream.STDOUT)
			.extracting(Line::text)
			.containsExactly("printed", "first", "a\nb");
	}

	@Test
	void theTelemetryDescriptorAddsNothingToTheEnvironment() throws Exception {
		Sandbox sandbox = create(spec(Map.of("_LAMBDA_TELEMETRY_LOG_FD", "3"), "/usr/bin/env"));

		assertThat(sandbox.exited().get(WAIT.toSeconds(), TimeUnit.SECONDS).exitCode()).isZero();

		Path tmp = this.sandboxRoot.resolve(sandbox.id().value()).resolve("tmp");
		assertThat(this.lines).extracting(Line::text)
			.containsExactlyInAnyOrder("_LAMBDA_TELEMETRY_LOG_FD=3", "LAMBDA_TASK_ROOT=" + this.code, "TMPDIR=" + tmp,
					"HOME=" + tmp);
	}

	@Test
	void withoutTheVariableThereIsNoTelemetryDescriptor() throws Exception {
		Sandbox sandbox = create(spec("sh", "-c", "test -e /proc/self/fd/3 || echo no-descriptor"));

		assertThat(sandbox.exited().get(WAIT.toSeconds(), TimeUnit.SECONDS).exitCode()).isZero();
		assertThat(this.lines).extracting(Line::text).containsExactly("no-descriptor");
	}

	@Test
	void aConfinedSandboxWritesToItsTelemetryDescriptor() throws Exception {
		useConfinedBackend();
		Sandbox sandbox = create(spec(Map.of("PATH", "/usr/bin:/bin", "_LAMBDA_TELEMETRY_LOG_FD", "3"), "sh", "-c",
				writeFrame("ok") + "; id -u"));

		assertThat(sandbox.exited().get(WAIT.toSeconds(), TimeUnit.SECONDS).exitCode()).isZero();
		assertThat(this.lines).extracting(Line::text).hasSize(2).endsWith("ok");
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

	@Test
	void confinedSandboxRunsAsAnUnprivilegedUserWhenTheInvokerIsRoot() throws Exception {
		assumeTrue(invokerIsRoot(), "only root can change user");
		useConfinedBackend();
		Sandbox sandbox = create(spec("sh", "-c", "id -u; touch \"$TMPDIR/file\" && echo tmp-writable; "
				+ "touch \"$LAMBDA_TASK_ROOT/file\" 2>/dev/null || echo code-read-only"));

		assertThat(sandbox.exited().get(WAIT.toSeconds(), TimeUnit.SECONDS).exitCode()).isZero();
		assertThat(this.lines).extracting(Line::text).hasSize(3).doesNotContain("0");
		assertThat(this.lines).extracting(Line::text).endsWith("tmp-writable", "code-read-only");
	}

	@Test
	void sandboxesStayWithTheInvokersUserWhenTheUnprivilegedOneCannotReachThem() throws Exception {
		assumeTrue(invokerIsRoot(), "only root can change user");
		Path hidden = Files.createDirectories(this.temp.resolve("private"));
		Files.setPosixFilePermissions(hidden, PosixFilePermissions.fromString("rwx------"));
		this.backend.close();
		this.backend = new ProcessSandboxBackend(Files.createDirectories(hidden.resolve("sandboxes")), confined());
		Sandbox sandbox = create(spec("id", "-u"));

		assertThat(sandbox.exited().get(WAIT.toSeconds(), TimeUnit.SECONDS).exitCode()).isZero();
		assertThat(this.lines).extracting(Line::text).containsExactly("0");
	}

	@Test
	void memoryLimitStopsAnAllocationPastIt() throws Exception {
		useConfinedBackend();
		Sandbox sandbox = create(spec(Map.of("PATH", "/usr/bin:/bin"), new SandboxLimits(64, 512, 1024), "python3",
				"-c", "print('allocating', flush=True); data = b'x' * (256 * 1024 * 1024); print('allocated')"));

		SandboxExit exit = sandbox.exited().get(WAIT.toSeconds(), TimeUnit.SECONDS);

		assertThat(exit.exitCode()).isNotZero();
		assertThat(this.lines).extracting(Line::text).contains("allocating").doesNotContain("allocated");
		if (this.backend.limitsByCgroups()) {
			assertThat(exit.exitCode()).as("killed by the OOM killer").isEqualTo(128 + 9);
			assertThat(exit.outOfMemory()).isTrue();
		}
	}

	@Test
	void peakMemoryCountsTheRuntimesChildProcesses() throws Exception {
		useConfinedBackend();
		assumeTrue(this.backend.limitsByCgroups(), "cgroups are writable");
		// The shell stays the sandbox's process (a second command keeps it from exec-ing
		// python), and python, its child, holds 48 MB.
		Sandbox sandbox = create(spec(Map.of("PATH", "/usr/bin:/bin"), new SandboxLimits(256, 512, 64), "sh", "-c",
				"python3 -c \"import time; data = b'x' * (48 * 1024 * 1024); print('holding', flush=True); "
						+ "time.sleep(60)\"; echo done"));

		await().atMost(WAIT).until(() -> this.lines.stream().anyMatch((line) -> line.text().equals("holding")));

		assertThat(sandbox.usage().maxMemoryBytes()).isGreaterThan(48L * 1024 * 1024);
	}

	@Test
	void rlimitsStopAnAllocationPastTheMemorySize() throws Exception {
		this.backend.close();
		this.backend = new ProcessSandboxBackend(this.sandboxRoot,
				new ProcessSandboxOptions(LimitMode.RLIMIT, Path.of("/sys/fs/cgroup"), ""));
		Sandbox sandbox = create(spec(Map.of("PATH", "/usr/bin:/bin"), new SandboxLimits(64, 512, 1024), "python3",
				"-c", "data = b'x' * (256 * 1024 * 1024)"));

		SandboxExit exit = sandbox.exited().get(WAIT.toSeconds(), TimeUnit.SECONDS);

		assertThat(exit.exitCode()).isEqualTo(1);
		await().atMost(WAIT).until(() -> this.lines.stream().anyMatch((line) -> line.text().equals("MemoryError")));
	}

	@Test
	void forkBombIsContained() throws Exception {
		useConfinedBackend();
		assumeTrue(this.backend.limitsByCgroups() || !invokerIsRoot(), "rlimits do not bind root");
		String bomb = """
				import os, time
				forked = 0
				try:
				    while forked < 500:
				        if os.fork() == 0:
				            time.sleep(60)
				            os._exit(0)
				        forked += 1
				    print("unbounded", forked, flush=True)
				except OSError as e:
				    print("blocked", forked, flush=True)
				""";
		Sandbox sandbox = create(
				spec(Map.of("PATH", "/usr/bin:/bin"), new SandboxLimits(256, 512, 16), "python3", "-c", bomb));

		sandbox.exited().get(WAIT.toSeconds(), TimeUnit.SECONDS);

		assertThat(this.lines).extracting(Line::text).singleElement().asString().startsWith("blocked ");
		int forked = Integer.parseInt(this.lines.get(0).text().substring("blocked ".length()));
		assertThat(forked).isLessThan(16);
	}

	@Test
	void reapOrphansRemovesTheCgroupsAnEarlierRunLeft() throws Exception {
		useConfinedBackend();
		assumeTrue(this.backend.limitsByCgroups(), "cgroups are writable");
		Sandbox orphan = create(spec("sh", "-c", "echo $$; sleep 60"));
		await().atMost(WAIT).until(() -> this.lines.size() == 1);
		ProcessHandle shell = ProcessHandle.of(Long.parseLong(this.lines.get(0).text())).orElseThrow();
		Path cgroupRoot = Path.of("/sys/fs/cgroup");
		List<Path> groups = List.of(cgroupRoot.resolve("aloft/invoker-1/" + orphan.id()),
				cgroupRoot.resolve("memory/aloft/invoker-1/" + orphan.id()));
		assertThat(groups).anyMatch(Files::isDirectory);

		new ProcessSandboxBackend(this.sandboxRoot, confined()).reapOrphans(new OwnerLabels("invoker-1"));

		await().atMost(WAIT).until(() -> !shell.isAlive());
		assertThat(groups).noneMatch(Files::exists);
	}

	private void useConfinedBackend() {
		this.backend.close();
		this.backend = new ProcessSandboxBackend(this.sandboxRoot, confined());
	}

	private static ProcessSandboxOptions confined() {
		return new ProcessSandboxOptions(LimitMode.AUTO, Path.of("/sys/fs/cgroup"), "nobody");
	}

	private static boolean invokerIsRoot() {
		try {
			return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * A shell command that writes one frame of AWS's runtime client to descriptor 3: its
	 * type, message length and timestamp, as octal escapes for {@code printf}, then the
	 * message (ASCII; {@code \n} for a newline).
	 */
	private static String writeFrame(String message) {
		int length = message.replace("\\n", "\n").length();
		byte[] header = ByteBuffer.allocate(16).putInt(0xa55a0001).putInt(length).putLong(0).array();
		StringBuilder command = new StringBuilder("printf '");
		for (byte value : header) {
			command.append(String.format("\\%03o", value & 0xff));
		}
		return command.append(message).append("' >&3").toString();
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
		return spec(codeDirectory, environment, new SandboxLimits(128, 512, 1024), command);
	}

	private SandboxSpec spec(Map<String, String> environment, SandboxLimits limits, String... command) {
		return spec(this.code, environment, limits, command);
	}

	private SandboxSpec spec(Path codeDirectory, Map<String, String> environment, SandboxLimits limits,
			String... command) {
		SandboxId id = new SandboxId(UUID.randomUUID().toString());
		LogSink sink = (stream, line) -> this.lines.add(new Line(stream, line));
		return new SandboxSpec(id,
				Map.of(SandboxSpec.INSTANCE_LABEL, "invoker-1", SandboxSpec.FUNCTION_LABEL, "default/test",
						SandboxSpec.VERSION_LABEL, "$LATEST"),
				new SandboxProcess(List.of(command), codeDirectory, environment), limits, sink);
	}

	private record Line(LogStream stream, String text) {
	}

}
