package dev.aloft.invoker.sandbox.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import dev.aloft.invoker.spi.SandboxId;
import dev.aloft.invoker.spi.SandboxLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cgroups of process sandboxes: one per sandbox under
 * {@code <controller>/aloft/<invoker instance>/<sandbox id>}, so the path itself labels
 * the owner and a later run of the same invoker finds what a crashed run left. Works on
 * the unified hierarchy (v2) and on v1's separate memory, pids and cpu hierarchies.
 */
final class Cgroups {

	private static final Logger logger = LoggerFactory.getLogger(Cgroups.class);

	/** Memory that buys one full CPU on Lambda. */
	private static final int MB_PER_CPU = 1769;

	private static final String BASE = "aloft";

	private static final Duration KILL_WAIT = Duration.ofSeconds(5);

	/** v2: the one hierarchy. v1: the memory, pids and cpu hierarchies, in that order. */
	private final List<Path> hierarchies;

	private final boolean unified;

	private Cgroups(List<Path> hierarchies, boolean unified) {
		this.hierarchies = hierarchies;
		this.unified = unified;
	}

	/**
	 * The writable cgroup hierarchy under a mount point, if there is one.
	 */
	static Optional<Cgroups> detect(Path root) {
		Path controllers = root.resolve("cgroup.controllers");
		if (Files.isRegularFile(controllers)) {
			try {
				List<String> available = List.of(Files.readString(controllers).strip().split("\\s+"));
				if (available.containsAll(List.of("memory", "pids", "cpu"))) {
					Path base = Files.createDirectories(root.resolve(BASE));
					// Controllers reach a child only when its parent delegates them.
					Files.writeString(root.resolve("cgroup.subtree_control"), "+memory +pids +cpu");
					Files.writeString(base.resolve("cgroup.subtree_control"), "+memory +pids +cpu");
					return Optional.of(new Cgroups(List.of(root), true));
				}
			}
			catch (IOException | RuntimeException ex) {
				logger.debug("cgroup v2 at {} is not usable: {}", root, ex.toString());
			}
			return Optional.empty();
		}
		List<Path> v1 = List.of(root.resolve("memory"), root.resolve("pids"), root.resolve("cpu"));
		try {
			for (Path hierarchy : v1) {
				Files.createDirectories(hierarchy.resolve(BASE));
			}
			return Optional.of(new Cgroups(v1, false));
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("cgroup v1 under {} is not usable: {}", root, ex.toString());
			return Optional.empty();
		}
	}

	/**
	 * Creates a sandbox's cgroups with its limits. The sandbox joins them itself before
	 * it runs anything (see {@link ProcessConfinement}), so no process escapes them.
	 */
	Group create(String instance, SandboxId id, SandboxLimits limits) throws IOException {
		List<Path> directories = new ArrayList<>();
		for (Path hierarchy : this.hierarchies) {
			directories
				.add(Files.createDirectories(hierarchy.resolve(BASE).resolve(label(instance)).resolve(id.value())));
		}
		Group group = new Group(directories, this.unified);
		try {
			long memoryBytes = limits.memoryMb() * 1024L * 1024L;
			int cpuWeight = Math.clamp(limits.memoryMb() * 100L / MB_PER_CPU, 1, 10_000);
			if (this.unified) {
				Path directory = directories.get(0);
				write(directory.resolve("memory.max"), memoryBytes);
				writeIfPresent(directory.resolve("memory.swap.max"), 0);
				write(directory.resolve("pids.max"), limits.maxProcesses());
				write(directory.resolve("cpu.weight"), cpuWeight);
			}
			else {
				write(directories.get(0).resolve("memory.limit_in_bytes"), memoryBytes);
				// Without swap the same value; with swap, no escape into it.
				writeIfPresent(directories.get(0).resolve("memory.memsw.limit_in_bytes"), memoryBytes);
				write(directories.get(1).resolve("pids.max"), limits.maxProcesses());
				write(directories.get(2).resolve("cpu.shares"), Math.max(2, limits.memoryMb() * 1024L / MB_PER_CPU));
			}
		}
		catch (IOException | RuntimeException ex) {
			group.remove();
			throw ex;
		}
		return group;
	}

	/**
	 * Kills every process in the cgroups an earlier run of an invoker left, and removes
	 * them.
	 */
	void reap(String instance) {
		for (Path hierarchy : this.hierarchies) {
			Path owner = hierarchy.resolve(BASE).resolve(label(instance));
			if (!Files.isDirectory(owner)) {
				continue;
			}
			try (Stream<Path> groups = Files.list(owner)) {
				for (Path directory : groups.filter(Files::isDirectory).toList()) {
					Group orphan = new Group(List.of(directory), this.unified);
					awaitQuietly(orphan.killAll());
					if (!orphan.remove()) {
						logger.warn("Could not remove the orphaned cgroup {}", directory);
					}
				}
			}
			catch (IOException ex) {
				logger.warn("Could not reap orphaned cgroups under {}: {}", owner, ex.toString());
			}
		}
	}

	/**
	 * Waits a little for killed processes to be gone: a cgroup cannot be removed before.
	 */
	private static void awaitQuietly(CompletableFuture<Void> exited) {
		try {
			exited.get(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			// Removal fails and says so.
		}
	}

	private static String label(String instance) {
		return instance.replaceAll("[^A-Za-z0-9_.-]", "_");
	}

	private static void write(Path file, long value) throws IOException {
		Files.writeString(file, Long.toString(value), StandardCharsets.US_ASCII);
	}

	private static void writeIfPresent(Path file, long value) throws IOException {
		if (Files.exists(file)) {
			write(file, value);
		}
	}

	/**
	 * The cgroups of one sandbox.
	 *
	 * @param directories its directory in each hierarchy
	 * @param unified whether they are v2 cgroups
	 */
	record Group(List<Path> directories, boolean unified) {

		/**
		 * The group's peak memory: every process in it, children included, as Lambda's
		 * "Max Memory Used" counts the whole environment.
		 * @return the peak in bytes, or -1 when the kernel does not keep it
		 */
		long peakMemoryBytes() {
			Path memory = this.directories.get(0);
			try {
				return Long.parseLong(
						Files.readString(memory.resolve(this.unified ? "memory.peak" : "memory.max_usage_in_bytes"))
							.strip());
			}
			catch (IOException | NumberFormatException ex) {
				// Gone already, or a kernel before memory.peak (5.19).
				return -1;
			}
		}

		/**
		 * Whether the kernel's OOM killer ended a process of this group.
		 */
		boolean oomKilled() {
			Path memory = this.directories.get(0);
			Path counters = memory.resolve(this.unified ? "memory.events" : "memory.oom_control");
			try {
				for (String line : Files.readAllLines(counters)) {
					if (line.startsWith("oom_kill ")) {
						return Long.parseLong(line.substring("oom_kill ".length()).strip()) > 0;
					}
				}
			}
			catch (IOException | NumberFormatException ex) {
				// Gone already, or no such counter on this kernel.
			}
			return false;
		}

		/**
		 * Kills every process in the group, including any that left the sandbox's process
		 * tree (a double-forked daemon).
		 */
		CompletableFuture<Void> killAll() {
			List<ProcessHandle> members = new ArrayList<>();
			for (Path directory : this.directories) {
				try {
					for (String pid : Files.readAllLines(directory.resolve("cgroup.procs"))) {
						if (!pid.isBlank()) {
							ProcessHandle.of(Long.parseLong(pid.strip())).ifPresent(members::add);
						}
					}
				}
				catch (IOException | NumberFormatException ex) {
					// Gone already.
				}
			}
			Path kill = this.directories.get(0).resolve("cgroup.kill");
			boolean killed = false;
			if (this.unified && Files.exists(kill)) {
				try {
					Files.writeString(kill, "1");
					killed = true;
				}
				catch (IOException ex) {
					// Kill them one by one instead.
				}
			}
			if (!killed) {
				members.forEach(ProcessHandle::destroyForcibly);
			}
			return CompletableFuture
				.allOf(members.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new));
		}

		/**
		 * Removes the group's directories; fails while a process still lives in them.
		 * @return whether every directory is gone
		 */
		boolean remove() {
			boolean removed = true;
			for (Path directory : this.directories) {
				try {
					Files.deleteIfExists(directory);
				}
				catch (IOException ex) {
					removed = false;
				}
			}
			return removed;
		}

	}

}
