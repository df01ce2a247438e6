package dev.aloft.invoker.sandbox;

import java.nio.file.Path;

import dev.aloft.invoker.sandbox.process.LimitMode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Which sandbox backend runs environments, and how.
 *
 * @param backend {@code process} (the default) or {@code docker}
 * @param process the process backend's settings
 */
@Validated
@ConfigurationProperties("aloft.invoker.sandbox")
record SandboxProperties(@NotBlank @DefaultValue("process") String backend, @Valid @DefaultValue Process process) {

	/**
	 * How the process backend confines its sandboxes.
	 *
	 * @param limits {@code auto} (cgroups where writable, rlimits otherwise),
	 * {@code cgroup}, {@code rlimit} or {@code none}
	 * @param cgroupRoot where the cgroup hierarchy is mounted
	 * @param user the unprivileged user sandboxes run as when the invoker runs as root;
	 * empty keeps the invoker's user
	 */
	record Process(@NotNull @DefaultValue("auto") LimitMode limits,
			@NotNull @DefaultValue("/sys/fs/cgroup") Path cgroupRoot, @NotNull @DefaultValue("nobody") String user) {

	}

}
