package dev.aloft.invoker.sandbox;

import java.nio.file.Path;
import java.util.Map;

import dev.aloft.invoker.sandbox.docker.PullPolicy;
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
 * @param docker the docker backend's settings
 */
@Validated
@ConfigurationProperties("aloft.invoker.sandbox")
record SandboxProperties(@NotBlank @DefaultValue("process") String backend, @Valid @DefaultValue Process process,
		@Valid @DefaultValue Docker docker) {

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

	/**
	 * How the docker backend reaches the engine and what it runs functions in.
	 *
	 * @param socket the Docker engine's unix socket
	 * @param images the image each runtime runs in, by runtime ({@code python3.11}) or
	 * runtime family ({@code python}, {@code nodejs}, {@code java}, {@code provided})
	 * @param defaultImage the image of runtimes without their own; empty for none
	 * @param user the user containers run as ({@code uid[:gid]}); empty for the image's
	 * @param network {@code host} or {@code none}
	 * @param pull whether the engine pulls a container-image function's image it does not
	 * hold: {@code missing} (the default) or {@code never}, when images are loaded onto
	 * the engine beforehand
	 */
	record Docker(@NotNull @DefaultValue("/var/run/docker.sock") Path socket,
			@NotNull @DefaultValue Map<String, String> images, @NotNull @DefaultValue("") String defaultImage,
			@NotNull @DefaultValue("") String user, @NotBlank @DefaultValue("host") String network,
			@NotNull @DefaultValue("missing") PullPolicy pull) {

		Docker {
			if (!network.equals("host") && !network.equals("none")) {
				throw new IllegalArgumentException(
						"aloft.invoker.sandbox.docker.network is host or none (containers share the host's loopback, where the Runtime API is, or have no network)");
			}
		}

	}

}
