package dev.aloft.invoker.sandbox.process;

/**
 * How the process backend enforces a sandbox's memory, process and CPU limits.
 */
public enum LimitMode {

	/** Cgroups where the hierarchy is writable, rlimits otherwise. */
	AUTO,

	/**
	 * Cgroups (v2, or v1 with the memory, pids and cpu controllers): a memory limit that
	 * the kernel's OOM killer enforces, {@code pids.max}, and a CPU weight proportional
	 * to memory. Start-up fails when the hierarchy is not writable.
	 */
	CGROUP,

	/**
	 * Resource limits through {@code prlimit}: {@code RLIMIT_DATA} (except for a JVM,
	 * whose heap is sized by {@code -XX:MaxHeapSize} instead), {@code RLIMIT_NPROC} (per
	 * user, so shared by every sandbox of that user) and {@code RLIMIT_NOFILE}. No CPU
	 * share.
	 */
	RLIMIT,

	/** No limits: for development only. */
	NONE

}
