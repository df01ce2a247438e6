package dev.aloft.invoker.sandbox.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.aloft.invoker.spi.InvalidSandboxSpecException;
import dev.aloft.invoker.spi.LogSink;
import dev.aloft.invoker.spi.OwnerLabels;
import dev.aloft.invoker.spi.Sandbox;
import dev.aloft.invoker.spi.SandboxBackend;
import dev.aloft.invoker.spi.SandboxProcess;
import dev.aloft.invoker.spi.SandboxSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each sandbox as a child process of the invoker, in its own directory under
 * {@code <work>/sandboxes/<id>} with a private {@code tmp}, and only the environment
 * variables of its spec. Its stdout and stderr go to files there, and so do the framed
 * log messages of a runtime whose environment names a telemetry descriptor
 * ({@link TelemetryDescriptor}). It records each process's pid and start time so a later
 * run can reap what a crashed run left behind.
 */
public class ProcessSandboxBackend implements SandboxBackend, AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(ProcessSandboxBackend.class);

	private static final String PID_FILE = "process.pid";

	/**
	 * How often output is delivered while nothing asks for it (long invocations, idle
	 * prints).
	 */
	private static final Duration OUTPUT_SWEEP = Duration.ofMillis(250);

	private final Path sandboxRoot;

	private final ProcessConfinement confinement;

	/** Cgroups that still held an exiting process when their sandbox ended. */
	private final Set<Cgroups.Group> unremovedGroups = ConcurrentHashMap.newKeySet();

	private final Set<ProcessSandbox> running = ConcurrentHashMap.newKeySet();

	private final ScheduledExecutorService sweeper = Executors
		.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("sandbox-output").daemon().factory());

	/**
	 * Creates a backend without limits, running sandboxes as the invoker's user.
	 * @param sandboxRoot the directory sandboxes live in
	 */
	public ProcessSandboxBackend(Path sandboxRoot) {
		this(sandboxRoot, ProcessSandboxOptions.UNCONFINED);
	}

	/**
	 * Creates the backend.
	 * @param sandboxRoot the directory sandboxes live in
	 * @param options how sandboxes are confined
	 * @throws IllegalStateException when this machine cannot confine sandboxes as asked
	 */
	public ProcessSandboxBackend(Path sandboxRoot, ProcessSandboxOptions options) {
		this.sandboxRoot = sandboxRoot;
		this.confinement = (options.limits() == LimitMode.NONE && options.user().isBlank()) ? ProcessConfinement.none()
				: ProcessConfinement.of(options, sandboxRoot);
		this.sweeper.scheduleWithFixedDelay(this::sweepOutput, OUTPUT_SWEEP.toMillis(), OUTPUT_SWEEP.toMillis(),
				TimeUnit.MILLISECONDS);
	}

	@Override
	public void close() {
		this.sweeper.shutdownNow();
	}

	private void sweepOutput() {
		for (ProcessSandbox sandbox : this.running) {
			if (sandbox.alive()) {
				sandbox.readOutput(false);
			}
		}
		this.unremovedGroups.removeIf(Cgroups.Group::remove);
	}

	/**
	 * Whether limits are cgroups (rather than rlimits, or nothing).
	 */
	boolean limitsByCgroups() {
		return this.confinement.limitsByCgroups();
	}

	@Override
	public String kind() {
		return "process";
	}

	@Override
	public void validate(SandboxSpec spec) {
		SandboxProcess process = spec.process();
		if (process == null) {
			// A child process has no image to run, and running one would need an engine.
			throw new InvalidSandboxSpecException(
					"Container-image functions need the docker sandbox backend (aloft.invoker.sandbox.backend=docker); this invoker runs the process backend");
		}
		if (!Files.isDirectory(process.codeDirectory())) {
			throw new InvalidSandboxSpecException("The code directory " + process.codeDirectory() + " is missing");
		}
	}

	@Override
	public CompletableFuture<Sandbox> create(SandboxSpec spec) {
		return CompletableFuture.supplyAsync(() -> start(spec), Thread::startVirtualThread);
	}

	private Sandbox start(SandboxSpec spec) {
		validate(spec);
		SandboxProcess run = Objects.requireNonNull(spec.process(), "validated");
		Path directory = this.sandboxRoot.resolve(spec.id().value());
		Optional<Cgroups.Group> group = Optional.empty();
		try {
			Path tmp = Files.createDirectories(directory.resolve("tmp"));
			this.confinement.ownTo(tmp);
			group = this.confinement.createGroup(spec.labels().getOrDefault(SandboxSpec.INSTANCE_LABEL, "unlabelled"),
					spec.id(), spec.limits());
			List<String> command = this.confinement.wrap(run.command(), group, spec.limits());
			Optional<TelemetryDescriptor> telemetry = TelemetryDescriptor.requestedBy(run.environment());
			Path telemetryFile = directory.resolve("telemetry.log");
			if (telemetry.isPresent()) {
				command = telemetry.get().open(telemetryFile, command);
			}
			ProcessBuilder builder = new ProcessBuilder(command).directory(run.codeDirectory().toFile());
			Map<String, String> environment = builder.environment();
			environment.clear();
			environment.putAll(run.environment());
			environment.put("LAMBDA_TASK_ROOT", run.codeDirectory().toString());
			environment.put("TMPDIR", tmp.toString());
			environment.put("HOME", tmp.toString());
			OutputFile stdout = OutputFile.lines(directory.resolve("stdout.log"), LogSink.LogStream.STDOUT,
					spec.logSink());
			OutputFile stderr = OutputFile.lines(directory.resolve("stderr.log"), LogSink.LogStream.STDERR,
					spec.logSink());
			builder.redirectOutput(ProcessBuilder.Redirect.appendTo(stdout.path().toFile()))
				.redirectError(ProcessBuilder.Redirect.appendTo(stderr.path().toFile()));
			// The runtime client's log messages are function output like stdout's, so
			// they
			// are read right after it, at the same moments.
			List<OutputFile> outputs = new ArrayList<>(List.of(stdout));
			if (telemetry.isPresent()) {
				outputs.add(OutputFile.telemetryFrames(telemetryFile, spec.logSink()));
			}
			outputs.add(stderr);
			Process process = builder.start();
			Files.writeString(directory.resolve(PID_FILE), process.pid() + " " + startInstant(process.toHandle()),
					StandardCharsets.US_ASCII);
			ProcessSandbox sandbox = new ProcessSandbox(spec, process, directory, outputs, group);
			this.running.add(sandbox);
			Optional<Cgroups.Group> cgroups = group;
			sandbox.exited().whenComplete((exit, failure) -> {
				this.running.remove(sandbox);
				cgroups.ifPresent(this::release);
			});
			return sandbox;
		}
		catch (IOException ex) {
			group.ifPresent(this::release);
			deleteRecursively(directory);
			throw new UncheckedIOException("Could not start sandbox " + spec.id() + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Ends whatever still runs in a finished sandbox's cgroups (a daemon that left its
	 * process tree) and removes them, now or on a later sweep.
	 */
	private void release(Cgroups.Group group) {
		group.killAll().orTimeout(5, TimeUnit.SECONDS).whenComplete((exited, failure) -> {
			if (!group.remove()) {
				this.unremovedGroups.add(group);
			}
		});
	}

	@Override
	public void reapOrphans(OwnerLabels owner) {
		this.confinement.reap(owner.instance());
		if (!Files.isDirectory(this.sandboxRoot)) {
			return;
		}
		try (Stream<Path> directories = Files.list(this.sandboxRoot)) {
			for (Path directory : directories.toList()) {
				orphanProcess(directory).ifPresent((orphan) -> {
					logger.info("Killing orphaned sandbox process {} in {}", orphan.pid(), directory);
					ProcessSandbox.killTree(orphan);
				});
				deleteRecursively(directory);
			}
		}
		catch (IOException ex) {
			logger.warn("Could not reap orphaned sandboxes under {}: {}", this.sandboxRoot, ex.toString());
		}
	}

	/**
	 * The process a sandbox directory records, if it still runs: the same pid with the
	 * same start time, so a recycled pid is never killed.
	 */
	private static Optional<ProcessHandle> orphanProcess(Path directory) {
		try {
			List<String> recorded = List.of(Files.readString(directory.resolve(PID_FILE)).strip().split(" "));
			return ProcessHandle.of(Long.parseLong(recorded.get(0)))
				.filter((handle) -> startInstant(handle).equals(recorded.get(1)));
		}
		catch (IOException | RuntimeException ex) {
			return Optional.empty();
		}
	}

	private static String startInstant(ProcessHandle handle) {
		return handle.info().startInstant().map(Instant::toString).orElse("unknown");
	}

	static void deleteRecursively(Path directory) {
		if (!Files.exists(directory)) {
			return;
		}
		try (Stream<Path> walk = Files.walk(directory)) {
			walk.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException | UncheckedIOException ex) {
			logger.warn("Could not delete {}: {}", directory, ex.toString());
		}
	}

}
