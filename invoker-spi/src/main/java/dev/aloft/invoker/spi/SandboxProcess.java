package dev.aloft.invoker.spi;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The process a sandbox runs.
 *
 * @param command the command line of the runtime's bootstrap
 * @param codeDirectory the unpacked function code; the sandbox sees it read-only as its
 * task root ({@code LAMBDA_TASK_ROOT}), which is also its working directory
 * @param environment the environment variables, and nothing else; the backend adds only
 * {@code LAMBDA_TASK_ROOT}, {@code TMPDIR} and {@code HOME} as the sandbox sees them
 */
public record SandboxProcess(List<String> command, Path codeDirectory, Map<String, String> environment) {

	public SandboxProcess {
		command = List.copyOf(command);
		environment = Map.copyOf(environment);
		if (command.isEmpty()) {
			throw new IllegalArgumentException("A sandbox needs a command");
		}
	}

}
