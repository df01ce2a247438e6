package dev.aloft.invoker.sandbox.process;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import dev.aloft.invoker.spi.SandboxId;
import dev.aloft.invoker.spi.SandboxLimits;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What confines a sandbox's process: its cgroups or rlimits, and the unprivileged user it
 * runs as. Applied by prefixing the runtime's command, each step ending in {@code exec},
 * so the process the backend started is the runtime itself (same pid) and nothing runs
 * before it is confined:
 * <ol>
 * <li>{@code sh -c} writes its own pid into the sandbox's cgroups;</li>
 * <li>{@code prlimit} sets the rlimits;</li>
 * <li>{@code setpriv} drops to the unprivileged user, with no new privileges.</li>
 * </ol>
 */
final class ProcessConfinement {

	private static final Logger logger = LoggerFactory.getLogger(ProcessConfinement.class);

	/**
	 * Joins every cgroup named before {@code --}, then runs what follows, without the
	 * {@code PWD} the shell itself adds to the environment.
	 */
	private static final String JOIN_CGROUPS = "unset PWD; while [ \"$1\" != -- ]; do echo $$ > \"$1/cgroup.procs\" || exit 125; "
			+ "shift; done; shift; exec \"$@\"";

	/** Lambda's limit on open files. */
	private static final int MAX_OPEN_FILES = 1024;

	private final @Nullable Cgroups cgroups;

	private final @Nullable String prlimit;

	private final @Nullable RunAs runAs;

	private final @Nullable String setpriv;

	private ProcessConfinement(@Nullable Cgroups cgroups, @Nullable String prlimit, @Nullable RunAs runAs,
			@Nullable String setpriv) {
		this.cgroups = cgroups;
		this.prlimit = prlimit;
		this.runAs = runAs;
		this.setpriv = setpriv;
	}

	/**
	 * Works out what this machine allows.
	 * @throws IllegalStateException when the options ask for what the machine lacks
	 */
	static ProcessConfinement of(ProcessSandboxOptions options, Path sandboxRoot) {
		Cgroups cgroups = null;
		String prlimit = null;
		if (options.limits() == LimitMode.AUTO || options.limits() == LimitMode.CGROUP) {
			cgroups = Cgroups.detect(options.cgroupRoot()).orElse(null);
			if (cgroups == null && options.limits() == LimitMode.CGROUP) {
				throw new IllegalStateException("No writable cgroup hierarchy under " + options.cgroupRoot());
			}
		}
		if (options.limits() != LimitMode.NONE) {
			prlimit = executable("prlimit").orElse(null);
			if (cgroups == null && prlimit == null) {
				throw new IllegalStateException("Neither cgroups nor prlimit can limit sandboxes on this machine");
			}
		}
		RunAs runAs = null;
		String setpriv = null;
		if (!options.user().isBlank() && RunAs.invokerIsRoot()) {
			setpriv = executable("setpriv").orElseThrow(
					() -> new IllegalStateException("Running sandboxes as " + options.user() + " needs setpriv"));
			runAs = RunAs.lookUp(options.user());
			if (!runAs.canReach(setpriv, sandboxRoot)) {
				// Sandboxes could not reach their code: a work directory inside a private
				// (0700) directory, typically. Say how to fix it rather than fail every
				// function.
				logger.warn(
						"Sandboxes run as root: user {} cannot reach {}; make its parent directories "
								+ "searchable by others (chmod o+x) to run them unprivileged",
						options.user(), sandboxRoot);
				runAs = null;
				setpriv = null;
			}
		}
		logger.info("Process sandboxes: limits by {}, running as {}",
				(cgroups != null) ? "cgroups" : (prlimit != null) ? "rlimits" : "nothing",
				(runAs != null) ? "uid " + runAs.uid() : "the invoker's user");
		return new ProcessConfinement(cgroups, prlimit, runAs, setpriv);
	}

	boolean limitsByCgroups() {
		return this.cgroups != null;
	}

	static ProcessConfinement none() {
		return new ProcessConfinement(null, null, null, null);
	}

	/**
	 * Creates a sandbox's cgroups, where limits are cgroups.
	 */
	Optional<Cgroups.Group> createGroup(String instance, SandboxId id, SandboxLimits limits) throws IOException {
		return (this.cgroups != null) ? Optional.of(this.cgroups.create(instance, id, limits)) : Optional.empty();
	}

	void reap(String instance) {
		if (this.cgroups != null) {
			this.cgroups.reap(instance);
		}
	}

	/**
	 * Hands a sandbox's private directory to the user it runs as.
	 */
	void ownTo(Path directory) throws IOException {
		if (this.runAs != null) {
			Files.setAttribute(directory, "unix:uid", this.runAs.uid());
			Files.setAttribute(directory, "unix:gid", this.runAs.gid());
		}
	}

	/**
	 * The command that confines a runtime's command, then runs it.
	 */
	List<String> wrap(List<String> command, Optional<Cgroups.Group> group, SandboxLimits limits) {
		List<String> wrapped = new ArrayList<>();
		group.ifPresent((cgroups) -> {
			wrapped.addAll(List.of("/bin/sh", "-c", JOIN_CGROUPS, "aloft-sandbox"));
			cgroups.directories().forEach((directory) -> wrapped.add(directory.toString()));
			wrapped.add("--");
		});
		if (this.prlimit != null) {
			wrapped.addAll(List.of(this.prlimit, "--nofile=" + MAX_OPEN_FILES));
			if (group.isEmpty()) {
				wrapped.add("--nproc=" + limits.maxProcesses());
				// A JVM reserves far more address space than it uses and sizes its heap
				// from -XX:MaxHeapSize; a data limit would only stop it starting.
				if (!runsJvm(command)) {
					wrapped.add("--data=" + limits.memoryMb() * 1024L * 1024L);
				}
			}
			wrapped.add("--");
		}
		if (this.runAs != null && this.setpriv != null) {
			wrapped.addAll(List.of(this.setpriv, "--reuid=" + this.runAs.uid(), "--regid=" + this.runAs.gid(),
					"--clear-groups", "--no-new-privs", "--"));
		}
		wrapped.addAll(command);
		return wrapped;
	}

	/**
	 * Whether a command starts a JVM, directly or through a short launcher.
	 */
	private static boolean runsJvm(List<String> command) {
		return command.stream().limit(4).anyMatch((argument) -> argument.endsWith("/bin/java"));
	}

	private static Optional<String> executable(String name) {
		return Stream.of("/usr/bin/", "/bin/", "/usr/sbin/", "/sbin/")
			.map((directory) -> Path.of(directory + name))
			.filter(Files::isExecutable)
			.map(Path::toString)
			.findFirst();
	}

	/**
	 * The user sandboxes run as.
	 *
	 * @param uid its user id
	 * @param gid its primary group id
	 */
	record RunAs(int uid, int gid) {

		static boolean invokerIsRoot() {
			try {
				return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
			}
			catch (IOException | RuntimeException ex) {
				return false;
			}
		}

		/**
		 * Whether this user can search a directory (and so every directory above it).
		 */
		boolean canReach(String setpriv, Path directory) {
			try {
				Process test = new ProcessBuilder(setpriv, "--reuid=" + this.uid, "--regid=" + this.gid,
						"--clear-groups", "--", "/bin/sh", "-c", "test -x \"$0\"", directory.toString())
					.redirectErrorStream(true)
					.start();
				test.getInputStream().transferTo(OutputStream.nullOutputStream());
				return test.waitFor() == 0;
			}
			catch (IOException ex) {
				return false;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}

		static RunAs lookUp(String user) {
			return new RunAs(id("-u", user), id("-g", user));
		}

		private static int id(String option, String user) {
			try {
				Process process = new ProcessBuilder("id", option, user).redirectErrorStream(true).start();
				String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
				if (process.waitFor() != 0) {
					throw new IllegalStateException("No user " + user + " to run sandboxes as: " + output);
				}
				return Integer.parseInt(output);
			}
			catch (IOException ex) {
				throw new IllegalStateException("Could not look up user " + user, ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while looking up user " + user, ex);
			}
		}

	}

}
