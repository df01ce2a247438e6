package dev.aloft.invoker.sandbox.docker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import dev.aloft.invoker.sandbox.RuntimeImages;
import dev.aloft.invoker.spi.InvalidSandboxSpecException;
import dev.aloft.invoker.spi.OwnerLabels;
import dev.aloft.invoker.spi.Sandbox;
import dev.aloft.invoker.spi.SandboxBackend;
import dev.aloft.invoker.spi.SandboxImage;
import dev.aloft.invoker.spi.SandboxProcess;
import dev.aloft.invoker.spi.SandboxSpec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Runs each sandbox as a Docker container, created through the engine's API: the
 * function's memory as its memory limit (swap included, so no swap), CPU shares
 * proportional to memory, a pid limit, a read-only root filesystem with a tmpfs
 * {@code /tmp} of the ephemeral storage size, no new privileges, every capability
 * dropped, and the code bind-mounted read-only at {@code /var/task}. Containers share the
 * host's network (the Runtime API listens on the invoker's loopback) or have none.
 * <p>
 * The runtime's command runs in the image configured for the function's runtime. A
 * command's program that lies outside the mounted directories is the host's interpreter,
 * so the container runs the program of the same name from its own {@code PATH}; the
 * invoker's runtime directory ({@code LAMBDA_RUNTIME_DIR}, where the bootstraps are) is
 * mounted read-only at the same path.
 * <p>
 * A container-image function's spec ({@link SandboxSpec#image()}) runs its own image as
 * Lambda does: the image's entry point, command and working directory, each replaced only
 * by the function's {@code ImageConfig}, with the function's environment, no code mount
 * and the same confinement. An image the engine does not hold is pulled first, unless the
 * {@link PullPolicy} says never.
 */
public class DockerSandboxBackend implements SandboxBackend, RuntimeImages, AutoCloseable {

	/** Where the code is inside a container, as on Lambda. */
	static final String TASK_ROOT = "/var/task";

	/** Label telling containers of this backend apart from anything else. */
	static final String SANDBOX_LABEL = "aloft.sandbox";

	/** Lambda gives one vCPU at 1,769 MB; Docker's share of one CPU is 1,024. */
	private static final int MB_PER_CPU = 1769;

	/**
	 * Lambda's variable naming the runtime client's telemetry descriptor, which the
	 * runtime catalog sets for the Java runtimes and this backend does not provide.
	 */
	private static final String TELEMETRY_LOG_FD = "_LAMBDA_TELEMETRY_LOG_FD";

	private static final Logger logger = LoggerFactory.getLogger(DockerSandboxBackend.class);

	private final DockerSandboxOptions options;

	private final DockerEngine engine;

	private final DockerImages images;

	private final ScheduledExecutorService scheduler = Executors
		.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("docker-sandbox").daemon().factory());

	/**
	 * Creates the backend.
	 * @param options how to reach the engine and which images to run
	 */
	public DockerSandboxBackend(DockerSandboxOptions options) {
		this.options = options;
		this.engine = new DockerEngine(options.socket());
		this.images = new DockerImages(this.engine, options.pull());
	}

	/**
	 * Checks that the engine answers.
	 * @throws DockerEngineException when it does not
	 */
	public void ping() {
		DockerEngine.Response response = this.engine.call("GET", "/_ping", null);
		if (!response.ok()) {
			throw response.failure("Docker engine ping");
		}
	}

	@Override
	public void close() {
		this.scheduler.shutdownNow();
	}

	@Override
	public String kind() {
		return "docker";
	}

	@Override
	public String runtimeImage(String runtime) {
		return this.options.image(runtime);
	}

	@Override
	public void validate(SandboxSpec spec) {
		SandboxProcess process = spec.process();
		if (process == null) {
			// An image brings its code and runtime; whether the engine holds it is known
			// only when it starts.
			return;
		}
		if (!Files.isDirectory(process.codeDirectory())) {
			throw new InvalidSandboxSpecException("The code directory " + process.codeDirectory() + " is missing");
		}
		String runtime = runtime(process);
		if (this.options.image(runtime).isBlank()) {
			throw new InvalidSandboxSpecException("No container image is configured for runtime " + runtime
					+ " (aloft.invoker.sandbox.docker.images." + runtime + ")");
		}
	}

	@Override
	public CompletableFuture<Sandbox> create(SandboxSpec spec) {
		return CompletableFuture.supplyAsync(() -> start(spec), Thread::startVirtualThread);
	}

	private Sandbox start(SandboxSpec spec) {
		validate(spec);
		String name = "aloft-" + spec.id().value();
		SandboxImage image = spec.image();
		Map<String, Object> config = (image != null) ? containerConfig(spec, this.images.config(image.reference()))
				: containerConfig(spec);
		DockerEngine.Response created = this.engine.call("POST", "/containers/create?name=" + name, config);
		if (!created.ok()) {
			throw created.failure("Creating container " + name);
		}
		String container = this.engine.parse(created).path("Id").asString();
		DockerEngine.Response started = this.engine.call("POST", "/containers/" + container + "/start", null);
		if (!started.ok()) {
			remove(container);
			throw started.failure("Starting container " + name);
		}
		logger.debug("Started container {} for sandbox {}", container, spec.id());
		return new DockerSandbox(spec, container, this.engine, this.scheduler);
	}

	/**
	 * The engine's container configuration for a spec that runs a process: the runtime's
	 * command in the runtime's image, over the code mounted at the task root.
	 */
	Map<String, Object> containerConfig(SandboxSpec spec) {
		SandboxProcess process = Objects.requireNonNull(spec.process(), "a process spec");
		Path code = process.codeDirectory().toAbsolutePath();
		List<String> binds = new ArrayList<>();
		binds.add(code + ":" + TASK_ROOT + ":ro");
		Path runtimeDirectory = runtimeDirectory(process);
		if (runtimeDirectory != null) {
			binds.add(runtimeDirectory + ":" + runtimeDirectory + ":ro");
		}
		// A container has no telemetry descriptor open (this backend reads only stdout
		// and stderr): without the variable the Java runtime client logs to stdout,
		// rather than into whatever else has that number.
		Map<String, String> environment = new LinkedHashMap<>(process.environment());
		environment.remove(TELEMETRY_LOG_FD);
		Map<String, Object> config = container(spec, this.options.image(runtime(process)), environment, binds);
		// The runtime's command replaces the image's entrypoint.
		config.put("Entrypoint", List.of());
		config.put("Cmd", command(process, code, runtimeDirectory));
		config.put("WorkingDir", TASK_ROOT);
		return config;
	}

	/**
	 * The engine's container configuration for a spec that runs an image. Lambda replaces
	 * each of the image's settings on its own: a new entry point keeps the image's
	 * command, which the engine would otherwise drop with the entry point it replaces.
	 * @param imageConfig the image's own {@code Config}
	 */
	Map<String, Object> containerConfig(SandboxSpec spec, JsonNode imageConfig) {
		SandboxImage image = Objects.requireNonNull(spec.image(), "an image spec");
		List<String> imageCommand = strings(imageConfig.path("Cmd"));
		if (image.entryPoint().isEmpty() && image.command().isEmpty() && imageCommand.isEmpty()
				&& strings(imageConfig.path("Entrypoint")).isEmpty()) {
			throw new InvalidSandboxSpecException("The image " + image.reference()
					+ " has neither an ENTRYPOINT nor a CMD, and the function's ImageConfig sets neither");
		}
		Map<String, Object> config = container(spec, image.reference(), image.environment(), List.of());
		if (!image.entryPoint().isEmpty()) {
			config.put("Entrypoint", image.entryPoint());
			config.put("Cmd", image.command().isEmpty() ? imageCommand : image.command());
		}
		else if (!image.command().isEmpty()) {
			config.put("Cmd", image.command());
		}
		if (image.workingDirectory() != null) {
			config.put("WorkingDir", image.workingDirectory());
		}
		return config;
	}

	private static List<String> strings(JsonNode array) {
		List<String> strings = new ArrayList<>();
		array.forEach((element) -> strings.add(element.asString()));
		return strings;
	}

	/**
	 * What every container gets: its image, the environment with the task root and a
	 * private tmp, labels, and the confinement.
	 */
	private Map<String, Object> container(SandboxSpec spec, String image, Map<String, String> variables,
			List<String> binds) {
		Map<String, String> environment = new LinkedHashMap<>(variables);
		environment.put("LAMBDA_TASK_ROOT", TASK_ROOT);
		environment.put("TMPDIR", "/tmp");
		environment.put("HOME", "/tmp");
		Map<String, String> labels = new LinkedHashMap<>(spec.labels());
		labels.put(SANDBOX_LABEL, spec.id().value());
		long memoryBytes = spec.limits().memoryMb() * 1024L * 1024L;
		Map<String, Object> host = new LinkedHashMap<>();
		host.put("Memory", memoryBytes);
		// Swap equal to memory means no swap: the limit is the function's memory.
		host.put("MemorySwap", memoryBytes);
		host.put("CpuShares", Math.max(2, spec.limits().memoryMb() * 1024 / MB_PER_CPU));
		host.put("PidsLimit", spec.limits().maxProcesses());
		host.put("ReadonlyRootfs", true);
		host.put("Tmpfs", Map.of("/tmp", "rw,nosuid,nodev,mode=1777,size=" + spec.limits().tmpMb() + "m"));
		host.put("SecurityOpt", List.of("no-new-privileges"));
		host.put("CapDrop", List.of("ALL"));
		host.put("Binds", binds);
		host.put("NetworkMode", this.options.network());
		// A bounded local log the followed-logs stream reads from, whatever the daemon's
		// default driver.
		host.put("LogConfig", Map.of("Type", "json-file", "Config", Map.of("max-size", "10m", "max-file", "1")));
		Map<String, Object> config = new LinkedHashMap<>();
		config.put("Image", image);
		config.put("Env",
				environment.entrySet().stream().map((entry) -> entry.getKey() + "=" + entry.getValue()).toList());
		config.put("Labels", labels);
		config.put("AttachStdin", false);
		config.put("AttachStdout", false);
		config.put("AttachStderr", false);
		config.put("Tty", false);
		if (!this.options.user().isBlank()) {
			config.put("User", this.options.user());
		}
		config.put("HostConfig", host);
		return config;
	}

	/**
	 * The command as the container sees it: paths into the code point into
	 * {@code /var/task}, and a host program outside the mounts is looked up by name.
	 */
	static List<String> command(SandboxProcess process, Path code, @Nullable Path runtimeDirectory) {
		List<String> command = new ArrayList<>();
		for (String argument : process.command()) {
			if (argument.equals(code.toString())) {
				command.add(TASK_ROOT);
			}
			else if (argument.startsWith(code + "/")) {
				command.add(TASK_ROOT + argument.substring(code.toString().length()));
			}
			else {
				command.add(argument);
			}
		}
		String program = command.get(0);
		if (program.startsWith("/") && !program.startsWith(TASK_ROOT + "/")
				&& (runtimeDirectory == null || !Path.of(program).startsWith(runtimeDirectory))) {
			command.set(0, Path.of(program).getFileName().toString());
		}
		return command;
	}

	private static @Nullable Path runtimeDirectory(SandboxProcess process) {
		String directory = process.environment().get("LAMBDA_RUNTIME_DIR");
		if (directory == null || !Files.isDirectory(Path.of(directory))) {
			return null;
		}
		return Path.of(directory).toAbsolutePath();
	}

	/**
	 * The runtime of a spec, from the execution environment Lambda names
	 * ({@code AWS_Lambda_python3.11}); custom runtimes ({@code provided}) set none.
	 */
	static String runtime(SandboxProcess process) {
		String executionEnvironment = process.environment().getOrDefault("AWS_EXECUTION_ENV", "");
		return executionEnvironment.startsWith("AWS_Lambda_") ? executionEnvironment.substring("AWS_Lambda_".length())
				: "provided";
	}

	@Override
	public void reapOrphans(OwnerLabels owner) {
		String filters = "{\"label\":[\"" + SandboxSpec.INSTANCE_LABEL + "=" + owner.instance() + "\",\""
				+ SANDBOX_LABEL + "\"]}";
		DockerEngine.Response listed = this.engine.call("GET",
				"/containers/json?all=true&filters=" + DockerEngine.encode(filters), null);
		if (!listed.ok()) {
			throw listed.failure("Listing containers of " + owner.instance());
		}
		for (JsonNode container : this.engine.parse(listed)) {
			String id = container.path("Id").asString();
			logger.info("Removing orphaned sandbox container {}", id);
			remove(id);
		}
	}

	private void remove(String container) {
		DockerEngine.Response removed = this.engine.call("DELETE", "/containers/" + container + "?force=true&v=true",
				null);
		if (!removed.ok() && removed.status() != 404) {
			logger.warn("Could not remove container {}: {} {}", container, removed.status(), removed.body().strip());
		}
	}

}
