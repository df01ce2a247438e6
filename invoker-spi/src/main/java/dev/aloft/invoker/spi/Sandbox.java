package dev.aloft.invoker.spi;

import java.util.concurrent.CompletableFuture;

/**
 * One running sandbox. Operations are asynchronous and never throw synchronously.
 */
public interface Sandbox {

	/**
	 * The sandbox's identifier.
	 * @return the id
	 */
	SandboxId id();

	/**
	 * Freezes the sandbox's processes (where the backend can).
	 * @return completes when frozen
	 */
	CompletableFuture<Void> pause();

	/**
	 * Thaws a paused sandbox.
	 * @return completes when running again
	 */
	CompletableFuture<Void> resume();

	/**
	 * Kills the sandbox and removes what it created. Idempotent.
	 * @return completes when everything is gone
	 */
	CompletableFuture<Void> destroy();

	/**
	 * Completes when the sandbox's main process has ended, for whatever reason.
	 * @return how it ended
	 */
	CompletableFuture<SandboxExit> exited();

	/**
	 * Completes once every line the sandbox wrote before this call has reached its
	 * {@link LogSink}. The invoker waits on it before it closes an invocation's log, so
	 * the output a runtime writes just before answering is attributed to that invocation.
	 * @return completes when the output written so far is delivered
	 */
	default CompletableFuture<Void> outputDrained() {
		return CompletableFuture.completedFuture(null);
	}

	/**
	 * The sandbox's current resource usage, where the backend can measure it.
	 * @return the usage
	 */
	default SandboxUsage usage() {
		return SandboxUsage.UNKNOWN;
	}

}
