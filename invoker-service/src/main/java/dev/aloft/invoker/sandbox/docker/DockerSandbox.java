package dev.aloft.invoker.sandbox.docker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import dev.aloft.invoker.spi.Sandbox;
import dev.aloft.invoker.spi.SandboxExit;
import dev.aloft.invoker.spi.SandboxId;
import dev.aloft.invoker.spi.SandboxSpec;
import dev.aloft.invoker.spi.SandboxUsage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One container of the docker backend: a reader following its output, a waiter observing
 * its exit.
 */
class DockerSandbox implements Sandbox {

	/**
	 * How long the output stream must be quiet before the output written so far counts as
	 * delivered. The engine copies a container's output to its log asynchronously, so
	 * there is no exact point to wait for, as the process backend's files give.
	 */
	private static final Duration OUTPUT_QUIET = Duration.ofMillis(20);

	private static final Logger logger = LoggerFactory.getLogger(DockerSandbox.class);

	private final SandboxId id;

	private final String container;

	private final DockerEngine engine;

	private final ScheduledExecutorService scheduler;

	private final MultiplexedLogs logs;

	private final CompletableFuture<Void> logsEnded = new CompletableFuture<>();

	private final CompletableFuture<SandboxExit> exited;

	private final AtomicReference<CompletableFuture<Void>> removal = new AtomicReference<>();

	DockerSandbox(SandboxSpec spec, String container, DockerEngine engine, ScheduledExecutorService scheduler) {
		this.id = spec.id();
		this.container = container;
		this.engine = engine;
		this.scheduler = scheduler;
		this.logs = new MultiplexedLogs(spec.logSink());
		Thread.ofVirtual().name("docker-logs-" + this.id).start(this::followLogs);
		CompletableFuture<SandboxExit> exit = new CompletableFuture<>();
		Thread.ofVirtual().name("docker-wait-" + this.id).start(() -> awaitExit(exit));
		// Report the exit once all its output is delivered, so the last lines are
		// attributed first.
		this.exited = exit.thenCombine(this.logsEnded.exceptionally((failure) -> null), (ended, drained) -> ended);
		// An ended container is of no more use: remove it, destroyed or not.
		this.exited.whenComplete((ended, failure) -> remove().whenComplete((removed, notRemoved) -> {
			if (notRemoved != null) {
				logger.warn("Could not remove container {}: {}", this.container, notRemoved.getMessage());
			}
		}));
	}

	/**
	 * Removes the container, once, for both the exit and {@link #destroy()}.
	 */
	private CompletableFuture<Void> remove() {
		CompletableFuture<Void> removal = new CompletableFuture<>();
		if (!this.removal.compareAndSet(null, removal)) {
			return this.removal.get();
		}
		Thread.ofVirtual().name("docker-remove-" + this.id).start(() -> {
			try {
				DockerEngine.Response removed = this.engine.call("DELETE",
						"/containers/" + this.container + "?force=true&v=true", null);
				// 404: already gone; 409: someone else (a reaper) is removing it.
				if (removed.ok() || removed.status() == 404 || removed.status() == 409) {
					removal.complete(null);
				}
				else {
					removal.completeExceptionally(removed.failure("Removing container " + this.container));
				}
			}
			catch (RuntimeException ex) {
				removal.completeExceptionally(ex);
			}
		});
		return removal;
	}

	String container() {
		return this.container;
	}

	private void followLogs() {
		try (DockerEngine.Exchange exchange = this.engine.open("GET",
				"/containers/" + this.container + "/logs?follow=true&stdout=true&stderr=true", null)) {
			if (exchange.status() == 200) {
				this.logs.pump(exchange.body());
			}
			else {
				logger.debug("No logs for container {}: status {}", this.container, exchange.status());
			}
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("Logs of container {} ended: {}", this.container, ex.toString());
		}
		finally {
			this.logsEnded.complete(null);
		}
	}

	private void awaitExit(CompletableFuture<SandboxExit> exit) {
		try {
			DockerEngine.Response waited = this.engine.call("POST", "/containers/" + this.container + "/wait", null);
			int code = waited.ok() ? this.engine.parse(waited).path("StatusCode").asInt(137) : 137;
			exit.complete(new SandboxExit(code, outOfMemory()));
		}
		catch (RuntimeException ex) {
			exit.complete(new SandboxExit(137, false));
		}
	}

	private boolean outOfMemory() {
		DockerEngine.Response inspected = this.engine.call("GET", "/containers/" + this.container + "/json", null);
		return inspected.ok() && this.engine.parse(inspected).path("State").path("OOMKilled").asBoolean(false);
	}

	@Override
	public SandboxId id() {
		return this.id;
	}

	@Override
	public CompletableFuture<Void> pause() {
		return post("pause");
	}

	@Override
	public CompletableFuture<Void> resume() {
		return post("unpause");
	}

	private CompletableFuture<Void> post(String action) {
		return CompletableFuture.runAsync(() -> {
			DockerEngine.Response response = this.engine.call("POST", "/containers/" + this.container + "/" + action,
					null);
			if (!response.ok()) {
				throw response.failure(action + " of container " + this.container);
			}
		}, Thread::startVirtualThread);
	}

	/**
	 * Kills and removes the container (its tmpfs goes with it), then waits for its exit
	 * to be observed.
	 */
	@Override
	public CompletableFuture<Void> destroy() {
		return remove().thenCompose((removed) -> this.exited.handle((exit, failure) -> null));
	}

	@Override
	public CompletableFuture<SandboxExit> exited() {
		return this.exited;
	}

	/**
	 * Completes when the output stream has been quiet for a moment, or has ended.
	 */
	@Override
	public CompletableFuture<Void> outputDrained() {
		CompletableFuture<Void> drained = new CompletableFuture<>();
		long quietNanos = OUTPUT_QUIET.toNanos();
		AtomicReference<ScheduledFuture<?>> check = new AtomicReference<>();
		check.set(this.scheduler.scheduleWithFixedDelay(() -> {
			if (this.logsEnded.isDone() || System.nanoTime() - this.logs.lastFrameNanos() >= quietNanos) {
				drained.complete(null);
			}
		}, 5, 5, TimeUnit.MILLISECONDS));
		drained.whenComplete((done, failure) -> {
			ScheduledFuture<?> scheduled = check.get();
			if (scheduled != null) {
				scheduled.cancel(false);
			}
		});
		return drained;
	}

	/**
	 * Peak memory of the container, from its cgroup when the invoker shares the engine's
	 * host (cgroup v1 or v2, either cgroup driver): a file read, not an engine call, as
	 * the invoker asks after every invocation.
	 */
	@Override
	public SandboxUsage usage() {
		for (Path candidate : List.of(
				Path.of("/sys/fs/cgroup/memory/docker", this.container, "memory.max_usage_in_bytes"),
				Path.of("/sys/fs/cgroup/docker", this.container, "memory.peak"),
				Path.of("/sys/fs/cgroup/system.slice", "docker-" + this.container + ".scope", "memory.peak"))) {
			try {
				return new SandboxUsage(Long.parseLong(Files.readString(candidate).strip()));
			}
			catch (IOException | NumberFormatException ex) {
				// Not this layout.
			}
		}
		return SandboxUsage.UNKNOWN;
	}

}
