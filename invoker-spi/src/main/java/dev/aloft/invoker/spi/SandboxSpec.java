package dev.aloft.invoker.spi;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What to run in a sandbox: a process (a runtime's bootstrap over unpacked code) or a
 * container image (its own entry point); exactly one of the two.
 *
 * @param id the new sandbox's identifier
 * @param labels labels to put on everything the backend creates ({@code aloft.instance},
 * {@code aloft.function}, {@code aloft.version})
 * @param process the process to run, or null when the sandbox runs an image
 * @param limits the resource limits
 * @param logSink where stdout and stderr lines go
 * @param image the container image to run, or null when the sandbox runs a process; a
 * backend that cannot run images refuses such a spec in
 * {@link SandboxBackend#validate(SandboxSpec)}
 */
public record SandboxSpec(SandboxId id, Map<String, String> labels, @Nullable SandboxProcess process,
		SandboxLimits limits, LogSink logSink, @Nullable SandboxImage image) {

	/** Label naming the invoker instance that owns a sandbox. */
	public static final String INSTANCE_LABEL = "aloft.instance";

	/** Label naming the function ({@code namespace/name}) a sandbox runs. */
	public static final String FUNCTION_LABEL = "aloft.function";

	/** Label naming the function version a sandbox runs. */
	public static final String VERSION_LABEL = "aloft.version";

	public SandboxSpec {
		labels = Map.copyOf(labels);
		if ((process == null) == (image == null)) {
			throw new IllegalArgumentException("A sandbox runs either a process or an image");
		}
	}

	/**
	 * A sandbox that runs a process.
	 * @param id the new sandbox's identifier
	 * @param labels labels to put on everything the backend creates
	 * @param process the process to run
	 * @param limits the resource limits
	 * @param logSink where stdout and stderr lines go
	 */
	public SandboxSpec(SandboxId id, Map<String, String> labels, SandboxProcess process, SandboxLimits limits,
			LogSink logSink) {
		this(id, labels, process, limits, logSink, null);
	}

	/**
	 * A sandbox that runs a container image.
	 * @param id the new sandbox's identifier
	 * @param labels labels to put on everything the backend creates
	 * @param image the image to run
	 * @param limits the resource limits
	 * @param logSink where stdout and stderr lines go
	 */
	public SandboxSpec(SandboxId id, Map<String, String> labels, SandboxImage image, SandboxLimits limits,
			LogSink logSink) {
		this(id, labels, null, limits, logSink, image);
	}

}
