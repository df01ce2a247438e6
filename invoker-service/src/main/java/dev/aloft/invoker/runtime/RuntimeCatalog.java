package dev.aloft.invoker.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.aloft.invoker.InvokerProperties;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * How each runtime starts: the command line of its bootstrap. A bootstrap speaks only the
 * Runtime API, so every sandbox backend runs every runtime.
 */
@Component
public class RuntimeCatalog {

	private static final Logger logger = LoggerFactory.getLogger(RuntimeCatalog.class);

	private static final String PYTHON_BOOTSTRAP = "runtimes/python/bootstrap.py";

	private static final String NODE_BOOTSTRAP = "runtimes/nodejs/bootstrap.cjs";

	/** The Node.js runtimes Lambda offers that this invoker serves with its one node. */
	private static final Pattern NODE_RUNTIME = Pattern.compile("nodejs\\d+\\.x");

	/** The runtime family of every {@code python3.x} runtime. */
	public static final String PYTHON = "python";

	/** The runtime family of every {@code nodejs*.x} runtime. */
	public static final String NODEJS = "nodejs";

	/**
	 * The runtime family of the {@code java21} and {@code java25} runtimes that run on
	 * the JDK of pre-started JVMs (by default, both).
	 */
	public static final String JAVA = "java";

	/**
	 * The argument that tells a bundled bootstrap to wait for its function: it asks the
	 * Runtime API for it ({@code GET .../aloft/assignment}) before it loads any code.
	 */
	public static final String PRESTARTED_FLAG = "--aloft-prestarted";

	private final String python;

	private final Path pythonBootstrap;

	private final @Nullable String node;

	private final Path nodeBootstrap;

	private final JavaRuntimes java;

	RuntimeCatalog(RuntimeProperties properties, InvokerProperties invoker) throws IOException {
		this.python = realExecutable(properties.pythonCommand(), "import sys; print(sys.executable)", "Python");
		this.pythonBootstrap = extract(PYTHON_BOOTSTRAP, invoker.workDirectory());
		this.node = optionalExecutable(properties.nodeCommand());
		this.nodeBootstrap = extract(NODE_BOOTSTRAP, invoker.workDirectory());
		this.java = new JavaRuntimes(properties, invoker.workDirectory());
	}

	/**
	 * The command that starts a runtime's bootstrap.
	 * @param runtime the runtime identifier, e.g. {@code python3.11}
	 * @param handler the function's handler; the Java runtimes take it as an argument
	 * @param memoryMb the function's memory size, which sizes the heap of runtimes that
	 * manage their own
	 * @param codeDirectory the function's unpacked code
	 * @return the command line
	 * @throws UnsupportedRuntimeException when this invoker cannot run the runtime
	 */
	public List<String> bootstrapCommand(String runtime, String handler, int memoryMb, Path codeDirectory) {
		if (runtime.startsWith("python3.")) {
			return pythonCommand();
		}
		if (NODE_RUNTIME.matcher(runtime).matches() && this.node != null) {
			return nodeCommand(memoryMb);
		}
		if (this.java.serves(runtime)) {
			return this.java.command(runtime, handler, memoryMb);
		}
		if (runtime.equals("provided") || runtime.startsWith("provided.")) {
			return List.of(codeDirectory.resolve("bootstrap").toString());
		}
		throw new UnsupportedRuntimeException("Runtime " + runtime + " is not available on this invoker");
	}

	/**
	 * Variables a runtime's bootstrap needs besides Lambda's usual ones: the Java
	 * runtimes' telemetry descriptor, {@code _LAMBDA_TELEMETRY_LOG_FD}. A sandbox backend
	 * that sees it opens that descriptor for the process (the process backend) or drops
	 * it (the docker backend), so the runtime never writes to a descriptor nobody opened.
	 * @param runtime the runtime identifier
	 * @return the variables; none for most runtimes
	 */
	public Map<String, String> bootstrapEnvironment(String runtime) {
		return this.java.serves(runtime) ? this.java.environment() : Map.of();
	}

	private List<String> pythonCommand() {
		return List.of(this.python, "-u", this.pythonBootstrap.toString());
	}

	private List<String> nodeCommand(int memoryMb) {
		if (this.node == null) {
			throw new UnsupportedRuntimeException("The nodejs runtimes are not available on this invoker");
		}
		// V8 sizes its heap by the machine, not the sandbox: cap it below the memory
		// size, as Lambda's Node.js runtimes do.
		int semiSpace = Math.max(1, memoryMb / 64);
		int oldSpace = Math.max(16, memoryMb * 90 / 100 - 3 * semiSpace);
		return List.of(this.node, "--max-semi-space-size=" + semiSpace, "--max-old-space-size=" + oldSpace,
				this.nodeBootstrap.toString());
	}

	/**
	 * The runtime family whose pre-started environments can take a function of this
	 * runtime: every {@code python3.x} runtime runs the one Python, every
	 * {@code nodejs*.x} runtime the one Node.js, and the Java runtimes the JDK of
	 * pre-started JVMs (unless one is configured with a JDK of its own). The
	 * {@code provided} runtimes start their own code and cannot take a function late.
	 * @param runtime the runtime identifier
	 * @return {@link #PYTHON}, {@link #NODEJS} or {@link #JAVA}, or empty
	 */
	public Optional<String> prestartFamily(String runtime) {
		if (runtime.startsWith("python3.")) {
			return Optional.of(PYTHON);
		}
		if (NODE_RUNTIME.matcher(runtime).matches() && this.node != null) {
			return Optional.of(NODEJS);
		}
		if (this.java.prestarts(runtime)) {
			return Optional.of(JAVA);
		}
		return Optional.empty();
	}

	/**
	 * Whether an environment of a family can be pre-started now: this invoker runs the
	 * family, and a JVM's class-data archive is settled (see
	 * {@link JavaRuntimes#canPrestart()}).
	 * @param family {@link #PYTHON}, {@link #NODEJS} or {@link #JAVA}
	 * @return whether {@link #prestartCommand} may be used now
	 */
	public boolean canPrestart(String family) {
		return switch (family) {
			case PYTHON -> true;
			case NODEJS -> this.node != null;
			case JAVA -> this.java.canPrestart();
			default -> false;
		};
	}

	/**
	 * The command of a pre-started environment. For Python and Node.js, the family's
	 * bootstrap, told to wait for the function it is given (see
	 * {@link #PRESTARTED_FLAG}): the command an environment of that family and memory
	 * size starts with otherwise, plus the flag. For Java, the JVM an environment of that
	 * memory size starts, running {@link JavaPrestartLauncher}, which waits likewise
	 * before it starts AWS's runtime interface client.
	 * @param family {@link #PYTHON}, {@link #NODEJS} or {@link #JAVA}
	 * @param memoryMb the memory size of the functions it may take
	 * @return the command line
	 * @throws UnsupportedRuntimeException when this invoker cannot run the family
	 */
	public List<String> prestartCommand(String family, int memoryMb) {
		if (family.equals(JAVA)) {
			return this.java.prestartCommand(memoryMb);
		}
		List<String> command = new ArrayList<>(switch (family) {
			case PYTHON -> pythonCommand();
			case NODEJS -> nodeCommand(memoryMb);
			default -> throw new UnsupportedRuntimeException("Runtime family " + family + " cannot be pre-started");
		});
		command.add(PRESTARTED_FLAG);
		return command;
	}

	/**
	 * What a pre-started environment's bootstrap needs besides Lambda's usual variables,
	 * as {@link #bootstrapEnvironment} for its family's runtimes: the Java runtimes'
	 * telemetry descriptor, which the sandbox must open when it starts.
	 * @param family the runtime family
	 * @return the variables; none for most families
	 */
	public Map<String, String> prestartEnvironment(String family) {
		return family.equals(JAVA) ? this.java.environment() : Map.of();
	}

	/**
	 * Whether a pre-started environment of a family must start in the directory that
	 * becomes its task root. Python and Node.js change directory when they take their
	 * function; a JVM resolves relative paths against the directory it started in, so it
	 * waits in a task root of its own, which gets the function's code.
	 * @param family the runtime family
	 * @return whether it needs a task root of its own
	 */
	public boolean prestartsInOwnTaskRoot(String family) {
		return family.equals(JAVA);
	}

	/**
	 * Copies a bootstrap shipped in this jar to local disk, where a sandbox can run it.
	 */
	static Path extract(String resource, Path workDirectory) throws IOException {
		Path target = workDirectory.resolve(resource);
		Files.createDirectories(target.getParent());
		try (InputStream in = RuntimeCatalog.class.getClassLoader().getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException("The invoker jar lacks " + resource);
			}
			Path staging = Files.createTempFile(target.getParent(), ".bootstrap", ".tmp");
			Files.copy(in, staging, StandardCopyOption.REPLACE_EXISTING);
			// Readable by the unprivileged user sandboxes may run as.
			Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rw-r--r--"));
			Files.move(staging, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		return target;
	}

	/**
	 * The interpreter's own path. Sandboxes get a clean environment, so a launcher that
	 * needs the invoker's environment (a pyenv shim, say) would not work there; the real
	 * binary does.
	 */
	private static String realExecutable(String command, String printExecutable, String what) throws IOException {
		Process process = new ProcessBuilder(command, (what.equals("Python") ? "-c" : "-p"), printExecutable)
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
		try {
			if (process.waitFor() != 0 || output.isEmpty()) {
				throw new IllegalStateException("'" + command + "' does not run " + what + ": " + output);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted while locating " + what, ex);
		}
		return output;
	}

	/**
	 * Node.js is optional: without it only the {@code nodejs*} runtimes are missing.
	 */
	private static @Nullable String optionalExecutable(String nodeCommand) {
		try {
			return realExecutable(nodeCommand, "process.execPath", "Node.js");
		}
		catch (IOException | IllegalStateException ex) {
			logger.info("The nodejs runtimes are unavailable: '{}' does not run Node.js", nodeCommand);
			return null;
		}
	}

}
