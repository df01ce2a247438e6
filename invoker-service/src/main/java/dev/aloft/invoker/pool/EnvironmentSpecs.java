package dev.aloft.invoker.pool;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.aloft.contracts.config.FunctionVersionConfig;
import dev.aloft.invoker.InvokerProperties;
import dev.aloft.invoker.code.CodeCache;
import dev.aloft.invoker.runtime.RuntimeCatalog;
import dev.aloft.invoker.spi.LogSink;
import dev.aloft.invoker.spi.SandboxBackend;
import dev.aloft.invoker.spi.SandboxId;
import dev.aloft.invoker.spi.SandboxImage;
import dev.aloft.invoker.spi.SandboxLimits;
import dev.aloft.invoker.spi.SandboxProcess;
import dev.aloft.invoker.spi.SandboxSpec;
import dev.aloft.secrets.MasterKey;
import dev.aloft.secrets.SecretBox;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Builds what a sandbox runs for a function version: its code, its bootstrap, the
 * environment variables Lambda sets (and the function's own), its limits and labels.
 */
@Component
class EnvironmentSpecs {

	/** Lambda's limit on processes and threads per environment. */
	private static final int MAX_PROCESSES = 1024;

	/** Lambda's default ephemeral storage, in MB. */
	static final int DEFAULT_TMP_MB = 512;

	/** The empty directory pre-started environments wait in. */
	private static final String PRESTARTED_TASK_ROOT = "runtimes/prestarted-task";

	/** What pre-started environments carry as their function label. */
	private static final String PRESTARTED_LABEL = "aloft/prestarted";

	/**
	 * Variables the invoker's own runtimes get that a container image sets for itself
	 * (Lambda's base images do: {@code LAMBDA_RUNTIME_DIR=/var/runtime}, their
	 * {@code PATH}), or that name a runtime and handler an image function does not have.
	 */
	private static final List<String> IMAGE_OWN_VARIABLES = List.of("LAMBDA_RUNTIME_DIR", "PATH", "LANG", "_HANDLER",
			"AWS_EXECUTION_ENV");

	/**
	 * What the {@code java} launcher and the JVM read as they start: options
	 * ({@code JDK_JAVA_OPTIONS} is the launcher's, the other two the JVM's) and the
	 * launcher's own debugging switch.
	 */
	private static final Set<String> JVM_BOOT_VARIABLES = Set.of("JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS",
			"JDK_JAVA_OPTIONS", "_JAVA_LAUNCHER_DEBUG");

	private static final DateTimeFormatter LOG_STREAM_DATE = DateTimeFormatter.ofPattern("yyyy/MM/dd");

	private final InvokerProperties invoker;

	private final CodeCache codeCache;

	private final RuntimeCatalog runtimes;

	private final RuntimeApiEndpoint runtimeApi;

	private final SecretBox secrets;

	private final OwnTaskRoots ownTaskRoots;

	private final PrestartBackend prestartBackend;

	EnvironmentSpecs(InvokerProperties invoker, CodeCache codeCache, RuntimeCatalog runtimes,
			RuntimeApiEndpoint runtimeApi, MasterKey masterKey, SandboxBackend backend) {
		this.invoker = invoker;
		this.codeCache = codeCache;
		this.runtimes = runtimes;
		this.runtimeApi = runtimeApi;
		this.secrets = new SecretBox(masterKey);
		this.ownTaskRoots = new OwnTaskRoots(invoker.workDirectory());
		this.prestartBackend = new PrestartBackend(backend);
	}

	/**
	 * The spec of a new environment. Fetches the code on first use, so it may block.
	 */
	SandboxSpec spec(FunctionVersionConfig function, SandboxId id, String token, LogSink logSink)
			throws InterruptedException {
		return spec(function, id, token, false, logSink);
	}

	/**
	 * The spec of a new environment, started on demand or for provisioned concurrency
	 * (Lambda's {@code AWS_LAMBDA_INITIALIZATION_TYPE}). Fetches the code on first use,
	 * so it may block.
	 */
	SandboxSpec spec(FunctionVersionConfig function, SandboxId id, String token, boolean provisioned, LogSink logSink)
			throws InterruptedException {
		if (FunctionVersionConfig.IMAGE.equals(function.packageType())) {
			return imageSpec(function, id, token, provisioned, logSink);
		}
		Path code = this.codeCache.unpacked(function.codeSha256());
		Map<String, String> environment = environment(function, id, token, provisioned);
		environment.putAll(this.runtimes.bootstrapEnvironment(function.runtime()));
		SandboxProcess process = new SandboxProcess(
				this.runtimes.bootstrapCommand(function.runtime(), function.handler(), function.memoryMb(), code), code,
				environment);
		Map<String, String> labels = Map.of(SandboxSpec.INSTANCE_LABEL, this.invoker.instanceId(),
				SandboxSpec.FUNCTION_LABEL, function.namespace() + "/" + function.functionName(),
				SandboxSpec.VERSION_LABEL, function.version());
		return new SandboxSpec(id, labels, process,
				new SandboxLimits(function.memoryMb(), function.ephemeralStorageMb(), MAX_PROCESSES), logSink);
	}

	/**
	 * The spec of a container-image function's environment: the image runs as it is (its
	 * entry point, command and working directory, or the function's {@code ImageConfig}),
	 * with Lambda's variables and the function's. There is no code to fetch and no
	 * bootstrap; the image brings both.
	 */
	private SandboxSpec imageSpec(FunctionVersionConfig function, SandboxId id, String token, boolean provisioned,
			LogSink logSink) {
		Map<String, String> environment = environment(function, id, token, provisioned);
		for (String name : IMAGE_OWN_VARIABLES) {
			environment.remove(name);
			String own = function.environment().get(name);
			if (own != null) {
				environment.put(name, own);
			}
		}
		String reference = Objects.requireNonNull(function.imageUri(),
				() -> function.key() + " is a container-image function without an image");
		FunctionVersionConfig.ImageConfig overrides = function.imageConfig();
		SandboxImage image = (overrides != null)
				? new SandboxImage(reference, overrides.entryPoint(), overrides.command(),
						blankAsNull(overrides.workingDirectory()), environment)
				: new SandboxImage(reference, environment);
		Map<String, String> labels = Map.of(SandboxSpec.INSTANCE_LABEL, this.invoker.instanceId(),
				SandboxSpec.FUNCTION_LABEL, function.namespace() + "/" + function.functionName(),
				SandboxSpec.VERSION_LABEL, function.version());
		return new SandboxSpec(id, labels, image,
				new SandboxLimits(function.memoryMb(), function.ephemeralStorageMb(), MAX_PROCESSES), logSink);
	}

	private static @Nullable String blankAsNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

	/**
	 * Whether an environment of a family can be pre-started now (see
	 * {@link RuntimeCatalog#canPrestart}) on this invoker's sandbox backend (see
	 * {@link PrestartBackend#runs}).
	 */
	boolean canPrestart(PrestartKey key) {
		return this.prestartBackend.runs(key.family()) && this.runtimes.canPrestart(key.family());
	}

	/**
	 * Whether the sandbox backend can run pre-started environments of a family at all.
	 */
	boolean prestarts(String family) {
		return this.prestartBackend.runs(family);
	}

	/**
	 * Whether a pre-started environment of a family waits in a task root of its own: the
	 * runtime must start there (a JVM), or the sandbox sees only directories mounted when
	 * it starts (a container).
	 */
	private boolean ownTaskRoot(String family) {
		return this.prestartBackend.ownTaskRoots() || this.runtimes.prestartsInOwnTaskRoot(family);
	}

	/**
	 * The spec of a pre-started environment: the runtime's bootstrap, waiting for a
	 * function, in an empty task root (shared, or its own, see {@link #ownTaskRoot}) with
	 * none of any function's variables. Its limits are those of every function of its
	 * memory size (Lambda's default ephemeral storage).
	 */
	SandboxSpec prestartedSpec(PrestartKey key, SandboxId id, String token, LogSink logSink) throws IOException {
		Path emptyRoot = ownTaskRoot(key.family()) ? this.ownTaskRoots.create(id)
				: Files.createDirectories(this.invoker.workDirectory().resolve(PRESTARTED_TASK_ROOT));
		Map<String, String> environment = new HashMap<>();
		environment.put("AWS_LAMBDA_RUNTIME_API", this.runtimeApi.address(token));
		environment.putAll(this.runtimes.prestartEnvironment(key.family()));
		environment.putAll(this.prestartBackend.variables(key.family()));
		common(environment);
		SandboxProcess process = new SandboxProcess(this.runtimes.prestartCommand(key.family(), key.memoryMb()),
				emptyRoot, environment);
		Map<String, String> labels = Map.of(SandboxSpec.INSTANCE_LABEL, this.invoker.instanceId(),
				SandboxSpec.FUNCTION_LABEL, PRESTARTED_LABEL, SandboxSpec.VERSION_LABEL, key.family());
		return new SandboxSpec(id, labels, process, new SandboxLimits(key.memoryMb(), DEFAULT_TMP_MB, MAX_PROCESSES),
				logSink);
	}

	/**
	 * What a pre-started environment takes on when it is given a function: the whole
	 * environment a new environment of the function would have started with, its task
	 * root included. An environment with a task root of its own gets the function's code
	 * there first. Fetches the code on first use, so it may block.
	 */
	Map<String, String> assignment(FunctionVersionConfig function, PrestartKey key, SandboxId id, String token)
			throws InterruptedException {
		Path code = this.codeCache.unpacked(function.codeSha256());
		Path taskRoot = ownTaskRoot(key.family()) ? this.ownTaskRoots.fill(id, code) : code;
		Map<String, String> environment = environment(function, id, token, false);
		environment.putAll(this.runtimes.bootstrapEnvironment(function.runtime()));
		environment.put("LAMBDA_TASK_ROOT", this.prestartBackend.taskRoot(taskRoot));
		return environment;
	}

	/**
	 * A pre-started environment's process ended, or never started: its own task root, if
	 * it has one, goes.
	 */
	void prestartedEnded(PrestartKey key, SandboxId id) {
		if (ownTaskRoot(key.family())) {
			this.ownTaskRoots.remove(id);
		}
	}

	/**
	 * Whether a pre-started environment can run a function: a zip function of the same
	 * runtime family and memory size, Lambda's default ephemeral storage (the size its
	 * private tmp was made with), a runtime the sandbox backend runs as it runs the
	 * family's (see {@link PrestartBackend#fits}), and no variable that would have
	 * changed how the runtime started.
	 */
	boolean fitsPrestarted(FunctionVersionConfig function, PrestartKey key) {
		return FunctionVersionConfig.ZIP.equals(function.packageType()) && function.runtime() != null
				&& function.memoryMb() == key.memoryMb() && function.ephemeralStorageMb() == DEFAULT_TMP_MB
				&& this.runtimes.prestartFamily(function.runtime()).filter(key.family()::equals).isPresent()
				&& this.prestartBackend.fits(function.runtime(), key.family())
				&& function.environment().keySet().stream().noneMatch(EnvironmentSpecs::changesBoot)
				&& function.secretEnvironment().keySet().stream().noneMatch(EnvironmentSpecs::changesBoot);
	}

	/**
	 * Whether a variable changes how a runtime starts, so that one that started without
	 * it cannot take it on later, and such a function starts its own: what the dynamic
	 * linker and the C library read as any process starts ({@code LD_PRELOAD},
	 * {@code LD_LIBRARY_PATH}, which a JVM also turns into its {@code java.library.path},
	 * {@code MALLOC_ARENA_MAX}, {@code GLIBC_TUNABLES}), the locale, and what the
	 * interpreter or the JVM reads when it boots ({@code PYTHONPATH},
	 * {@code NODE_OPTIONS}, {@code JAVA_TOOL_OPTIONS}...).
	 */
	static boolean changesBoot(String name) {
		return name.startsWith("LD_") || name.startsWith("MALLOC_") || name.equals("GLIBC_TUNABLES")
				|| name.startsWith("LC_") || name.equals("LANGUAGE") || name.startsWith("PYTHON")
				|| name.startsWith("NODE_") || name.startsWith("UV_") || JVM_BOOT_VARIABLES.contains(name);
	}

	private Map<String, String> environment(FunctionVersionConfig function, SandboxId id, String token,
			boolean provisioned) {
		Map<String, String> environment = new HashMap<>(function.environment());
		// Secrets travel sealed and are opened only here, into the sandbox's environment.
		function.secretEnvironment()
			.forEach((name, sealed) -> environment.put(name, this.secrets.open(sealed,
					FunctionVersionConfig.secretContext(function.namespace(), function.functionName(), name))));
		environment.put("AWS_LAMBDA_RUNTIME_API", this.runtimeApi.address(token));
		environment.put("_HANDLER", function.handler());
		environment.put("AWS_LAMBDA_FUNCTION_NAME", function.functionName());
		environment.put("AWS_LAMBDA_FUNCTION_VERSION", function.version());
		environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memoryMb()));
		environment.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + function.functionName());
		environment.put("AWS_LAMBDA_LOG_STREAM_NAME", LocalDate.now(ZoneOffset.UTC).format(LOG_STREAM_DATE) + "/["
				+ function.version() + "]" + id.value().replace("-", ""));
		environment.put("AWS_LAMBDA_INITIALIZATION_TYPE", provisioned ? "provisioned-concurrency" : "on-demand");
		environment.put("AWS_REGION", this.invoker.region());
		environment.put("AWS_DEFAULT_REGION", this.invoker.region());
		if (!function.runtime().startsWith("provided")) {
			environment.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + function.runtime());
		}
		common(environment);
		return environment;
	}

	/**
	 * What every environment has, with or without a function.
	 */
	private void common(Map<String, String> environment) {
		environment.put("LAMBDA_RUNTIME_DIR", this.invoker.workDirectory().resolve("runtimes").toString());
		environment.put("TZ", ":UTC");
		environment.put("LANG", "en_US.UTF-8");
		environment.put("PATH", "/usr/local/bin:/usr/bin/:/bin:/opt/bin");
	}

}
