package dev.aloft.invoker.spi;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A container image a sandbox runs as it is, as Lambda runs container-image functions:
 * the image's own entry point and command start, in its own working directory, unless the
 * function's {@code ImageConfig} overrides them. There is no code to mount and no runtime
 * bootstrap: the image brings both.
 *
 * @param reference the image reference, e.g. {@code registry.example/team/fn:1.4} or
 * {@code ...@sha256:<hex>}
 * @param entryPoint replaces the image's {@code ENTRYPOINT}; empty keeps the image's
 * @param command replaces the image's {@code CMD}; empty keeps the image's
 * @param workingDirectory replaces the image's {@code WORKDIR}; null keeps the image's
 * @param environment the environment variables the sandbox adds to the image's own; the
 * backend adds only {@code LAMBDA_TASK_ROOT}, {@code TMPDIR} and {@code HOME}
 */
public record SandboxImage(String reference, List<String> entryPoint, List<String> command,
		@Nullable String workingDirectory, Map<String, String> environment) {

	public SandboxImage {
		entryPoint = List.copyOf(entryPoint);
		command = List.copyOf(command);
		environment = Map.copyOf(environment);
		if (reference.isBlank()) {
			throw new IllegalArgumentException("A sandbox image needs a reference");
		}
		if (workingDirectory != null && !workingDirectory.startsWith("/")) {
			throw new IllegalArgumentException(
					"An image's working directory is an absolute path, not " + workingDirectory);
		}
	}

	/**
	 * An image run with its own entry point, command and working directory.
	 * @param reference the image reference
	 * @param environment the environment variables the sandbox adds
	 */
	public SandboxImage(String reference, Map<String, String> environment) {
		this(reference, List.of(), List.of(), null, environment);
	}

}
