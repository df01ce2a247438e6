package dev.aloft.invoker.sandbox.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

import dev.aloft.invoker.spi.LogSink;
import dev.aloft.invoker.spi.Sandbox;
import dev.aloft.invoker.spi.SandboxExit;
import dev.aloft.invoker.spi.SandboxId;
import dev.aloft.invoker.spi.SandboxSpec;

/**
 * One sandbox of the process backend: a child process, its output readers, and its
 * directory.
 */
class ProcessSandbox implements Sandbox {

	private final SandboxId id;

	private final Process process;

	private final Path directory;

	private final CompletableFuture<SandboxExit> exited;

	ProcessSandbox(SandboxSpec spec, Process process, Path directory) {
		this.id = spec.id();
		this.process = process;
		this.directory = directory;
		CompletableFuture<Void> stdout = pump(process.getInputStream(), LogSink.LogStream.STDOUT, spec.logSink());
		CompletableFuture<Void> stderr = pump(process.getErrorStream(), LogSink.LogStream.STDERR, spec.logSink());
		// Report the exit once its output is read, so the last lines are attributed
		// first.
		this.exited = process.onExit()
			.thenCombine(CompletableFuture.allOf(stdout, stderr), (ended, ignored) -> ended)
			.thenApply((ended) -> new SandboxExit(ended.exitValue(), false));
	}

	private static CompletableFuture<Void> pump(InputStream stream, LogSink.LogStream name, LogSink sink) {
		CompletableFuture<Void> done = new CompletableFuture<>();
		Thread.startVirtualThread(() -> {
			try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
				String line;
				while ((line = reader.readLine()) != null) {
					sink.line(name, line);
				}
			}
			catch (IOException ex) {
				// The process is gone; nothing more to read.
			}
			finally {
				done.complete(null);
			}
		});
		return done;
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
		process.descendants().forEach(ProcessHandle::destroyForcibly);
		process.destroyForcibly();
	}

}
