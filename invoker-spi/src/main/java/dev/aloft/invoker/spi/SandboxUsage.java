package dev.aloft.invoker.spi;

/**
 * Resource usage of a sandbox.
 *
 * @param maxMemoryBytes the peak resident memory so far, or -1 when unknown
 */
public record SandboxUsage(long maxMemoryBytes) {

	/** Usage a backend cannot measure. */
	public static final SandboxUsage UNKNOWN = new SandboxUsage(-1);

}
