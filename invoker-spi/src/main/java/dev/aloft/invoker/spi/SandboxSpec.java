package dev.aloft.invoker.spi;

import java.util.Map;

/**
 * What to run in a sandbox.
 *
 * @param id the new sandbox's identifier
 * @param labels labels to put on everything the backend creates ({@code aloft.instance},
 * {@code aloft.function}, {@code aloft.version})
 * @param process the process to run
 * @param limits the resource limits
 * @param logSink where stdout and stderr lines go
 */
public record SandboxSpec(SandboxId id, Map<String, String> labels, SandboxProcess process, SandboxLimits limits,
		LogSink logSink) {

	/** Label naming the invoker instance that owns a sandbox. */
	public static final String INSTANCE_LABEL = "aloft.instance";

	/** Label naming the function ({@code namespace/name}) a sandbox runs. */
	public static final String FUNCTION_LABEL = "aloft.function";

	/** Label naming the function version a sandbox runs. */
	public static final String VERSION_LABEL = "aloft.version";

	public SandboxSpec {
		labels = Map.copyOf(labels);
	}

}
