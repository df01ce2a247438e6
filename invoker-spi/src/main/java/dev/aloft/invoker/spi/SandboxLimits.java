package dev.aloft.invoker.spi;

/**
 * Resource limits of a sandbox.
 *
 * @param memoryMb memory limit in MB (resident memory of all its processes)
 * @param tmpMb size of its private {@code /tmp} in MB
 * @param maxProcesses the most processes and threads it may have at once
 */
public record SandboxLimits(int memoryMb, int tmpMb, int maxProcesses) {

	public SandboxLimits {
		if (memoryMb <= 0 || tmpMb <= 0 || maxProcesses <= 0) {
			throw new IllegalArgumentException("Sandbox limits must be positive");
		}
	}

}
