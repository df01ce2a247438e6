package dev.aloft.invoker.sandbox.process;

import java.nio.file.Path;

/**
 * How the process backend confines its sandboxes.
 *
 * @param limits how limits are enforced
 * @param cgroupRoot where the cgroup hierarchy is mounted ({@code /sys/fs/cgroup})
 * @param user the unprivileged user sandboxes run as when the invoker runs as root (its
 * name or uid); blank keeps the invoker's user
 */
public record ProcessSandboxOptions(LimitMode limits, Path cgroupRoot, String user) {

	/** No limits and the invoker's own user. */
	public static final ProcessSandboxOptions UNCONFINED = new ProcessSandboxOptions(LimitMode.NONE,
			Path.of("/sys/fs/cgroup"), "");

}
