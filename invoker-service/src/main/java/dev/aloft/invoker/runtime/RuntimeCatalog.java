package dev.aloft.invoker.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import dev.aloft.invoker.InvokerProperties;

import org.springframework.stereotype.Component;

/**
 * How each runtime starts: the command line of its bootstrap. A bootstrap speaks only the
 * Runtime API, so every sandbox backend runs every runtime.
 */
@Component
public class RuntimeCatalog {

	private static final String PYTHON_BOOTSTRAP = "runtimes/python/bootstrap.py";

	private final String python;

	private final Path pythonBootstrap;

	RuntimeCatalog(RuntimeProperties properties, InvokerProperties invoker) throws IOException {
		this.python = realExecutable(properties.pythonCommand());
		this.pythonBootstrap = extract(PYTHON_BOOTSTRAP, invoker.workDirectory());
	}

	/**
	 * The command that starts a runtime's bootstrap.
	 * @param runtime the runtime identifier, e.g. {@code python3.11}
	 * @param codeDirectory the function's unpacked code
	 * @return the command line
	 * @throws UnsupportedRuntimeException when this invoker cannot run the runtime
	 */
	public List<String> bootstrapCommand(String runtime, Path codeDirectory) {
		if (runtime.startsWith("python3.")) {
			return List.of(this.python, "-u", this.pythonBootstrap.toString());
		}
		if (runtime.equals("provided") || runtime.startsWith("provided.")) {
			return List.of(codeDirectory.resolve("bootstrap").toString());
		}
		throw new UnsupportedRuntimeException("Runtime " + runtime + " is not available on this invoker");
	}

	/**
	 * Copies a bootstrap shipped in this jar to local disk, where a sandbox can run it.
	 */
	private static Path extract(String resource, Path workDirectory) throws IOException {
		Path target = workDirectory.resolve(resource);
		Files.createDirectories(target.getParent());
		try (InputStream in = RuntimeCatalog.class.getClassLoader().getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException("The invoker jar lacks " + resource);
			}
			Path staging = Files.createTempFile(target.getParent(), ".bootstrap", ".tmp");
			Files.copy(in, staging, StandardCopyOption.REPLACE_EXISTING);
			Files.move(staging, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		return target;
	}

	/**
	 * The interpreter's own path. Sandboxes get a clean environment, so a launcher that
	 * needs the invoker's environment (a pyenv shim, say) would not work there; the real
	 * binary does.
	 */
	private static String realExecutable(String pythonCommand) throws IOException {
		Process process = new ProcessBuilder(pythonCommand, "-c", "import sys; print(sys.executable)")
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
		try {
			if (process.waitFor() != 0 || output.isEmpty()) {
				throw new IllegalStateException("'" + pythonCommand + "' does not run Python: " + output);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted while locating Python", ex);
		}
		return output;
	}

}
