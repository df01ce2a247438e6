package dev.aloft.invoker.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import dev.aloft.invoker.sandbox.process.LimitMode;
import dev.aloft.invoker.sandbox.process.ProcessSandboxBackend;
import dev.aloft.invoker.sandbox.process.ProcessSandboxOptions;
import dev.aloft.invoker.spi.Sandbox;
import dev.aloft.invoker.spi.SandboxBackend;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The process backend keeps the sandbox contract, with its limits on (cgroups where
 * writable, rlimits otherwise) and the invoker's own user.
 */
class ProcessSandboxBackendContractIntegrationTests extends SandboxBackendContractTests {

	private static final String PYTHON = realPython();

	private Path workDirectory;

	@Override
	protected SandboxBackend createBackend(Path workDirectory) {
		this.workDirectory = workDirectory;
		return new ProcessSandboxBackend(workDirectory,
				new ProcessSandboxOptions(LimitMode.AUTO, Path.of("/sys/fs/cgroup"), ""));
	}

	@Override
	protected String python() {
		return PYTHON;
	}

	@Override
	protected String taskRoot() {
		return this.code.toString();
	}

	@Override
	protected void assertGone(Sandbox sandbox) {
		assertThat(this.workDirectory.resolve(sandbox.id().value())).doesNotExist();
	}

	/**
	 * The interpreter itself, not a launcher shim that needs the test's environment.
	 */
	private static String realPython() {
		try {
			Process process = new ProcessBuilder("python3", "-c", "import sys; print(sys.executable)").start();
			String executable = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
			if (process.waitFor() != 0 || executable.isEmpty()) {
				throw new IllegalStateException("python3 is needed for the sandbox contract tests");
			}
			return executable;
		}
		catch (IOException ex) {
			throw new IllegalStateException("python3 is needed for the sandbox contract tests", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
