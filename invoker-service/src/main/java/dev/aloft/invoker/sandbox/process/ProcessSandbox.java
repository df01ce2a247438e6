package dev.aloft.invoker.sandbox.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import dev.aloft.invoker.spi.Sandbox;
import dev.aloft.invoker.spi.SandboxExit;
import dev.aloft.invoker.spi.SandboxId;
import dev.aloft.invoker.spi.SandboxSpec;
import dev.aloft.invoker.spi.SandboxUsage;

/**
 * One sandbox of the process backend: a child process, its output readers, and its
 * directory.
 */
class ProcessSandbox implements Sandbox {

	private final SandboxId id;

	private final Process process;

	private final Path directory;

	private final CompletableFuture<SandboxExit> exited;

	private final Optional<Cgroups.Group> cgroups;

	/** Its output files, in the order they are read each time. */
	private final List<OutputFile> outputs;

	ProcessSandbox(SandboxSpec spec, Process process, Path directory, List<OutputFile> outputs,
			Optional<Cgroups.Group> cgroups) {
		this.id = spec.id();
		this.process = process;
		this.directory = directory;
		this.outputs = List.copyOf(outputs);
		this.cgroups = cgroups;
		// Report the exit once all its output is delivered, so the last lines are
		// attributed
		// first.
		this.exited = process.onExit().thenApply((ended) -> {
			readOutput(true);
			return new SandboxExit(ended.exitValue(), cgroups.map(Cgroups.Group::oomKilled).orElse(false));
		});
	}

	/**
	 * Delivers the output written so far.
	 * @param end whether the process has ended
	 */
	void readOutput(boolean end) {
		this.outputs.forEach((output) -> output.read(end));
	}

	boolean alive() {
		return this.process.isAlive();
	}

	@Override
	public CompletableFuture<Void> outputDrained() {
		readOutput(false);
		return CompletableFuture.completedFuture(null);
	}

	/**
	 * Peak memory, as Lambda's "Max Memory Used": the sandbox's cgroup's peak, which
	 * counts every process in it (a handler's child processes too), or, without cgroups,
	 * the peak resident memory of the runtime process alone ({@code VmHWM}).
	 */
	@Override
	public SandboxUsage usage() {
		long groupPeak = this.cgroups.map(Cgroups.Group::peakMemoryBytes).orElse(-1L);
		if (groupPeak >= 0) {
			return new SandboxUsage(groupPeak);
		}
		try {
			for (String line : Files.readAllLines(Path.of("/proc", Long.toString(this.process.pid()), "status"))) {
				if (line.startsWith("VmHWM:")) {
					return new SandboxUsage(Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024);
				}
			}
		}
		catch (IOException | NumberFormatException ex) {
			// Not Linux, or the process is gone.
		}
		return SandboxUsage.UNKNOWN;
	}

	@Override
	public SandboxId id() {
		return this.id;
	}

	@Override
	public CompletableFuture<Void> pause() {
		return CompletableFuture.completedFuture(null);
	}

	@Override
	public CompletableFuture<Void> resume() {
		return CompletableFuture.completedFuture(null);
	}

	@Override
	public CompletableFuture<Void> destroy() {
		killTree(this.process.toHandle());
		return this.process.onExit().handle((ended, failure) -> {
			ProcessSandboxBackend.deleteRecursively(this.directory);
			return null;
		});
	}

	@Override
	public CompletableFuture<SandboxExit> exited() {
		return this.exited;
	}

	/**
	 * Kills a process and everything it started.
	 */
	static void killTree(ProcessHandle process) {
		// The parent first, from a snapshot of its descendants: it cannot react to its
		// children
		// dying (or start new ones) once it is gone.
		List<ProcessHandle> descendants = process.descendants().toList();
		process.destroyForcibly();
		descendants.forEach(ProcessHandle::destroyForcibly);
	}

}
