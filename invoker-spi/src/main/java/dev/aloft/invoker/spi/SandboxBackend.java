package dev.aloft.invoker.spi;

import java.util.concurrent.CompletableFuture;

/**
 * Creates and destroys sandboxes: isolated places where one execution environment of a
 * function runs. A backend only creates and destroys; the Runtime API protocol and the
 * warm-pool policy live elsewhere.
 * <p>
 * Every backend guarantees, for each sandbox it creates:
 * <ul>
 * <li><b>isolation</b>: the sandbox sees its own code, its own {@code /tmp} and only the
 * environment variables of its spec, nothing of the invoker's or of another
 * sandbox's;</li>
 * <li><b>limits</b>: memory is enforced (an allocation past the limit fails or ends the
 * sandbox), CPU share follows memory, and the number of processes is bounded;</li>
 * <li><b>the Runtime API</b>: the address in the spec's environment is reachable from
 * inside;</li>
 * <li><b>log capture</b>: every line the sandbox writes to stdout or stderr reaches the
 * spec's {@link LogSink};</li>
 * <li><b>labels</b>: everything it creates carries the spec's labels, so
 * {@link #reapOrphans(OwnerLabels)} can find what an earlier run left behind.</li>
 * </ul>
 */
public interface SandboxBackend {

	/**
	 * The backend's name, as configured ({@code process}, {@code docker}).
	 * @return the name
	 */
	String kind();

	/**
	 * Checks that this backend can run a spec, before anything is started (admission).
	 * @param spec the spec to check
	 * @throws InvalidSandboxSpecException when the spec cannot run here
	 */
	void validate(SandboxSpec spec);

	/**
	 * Creates and starts a sandbox. Never throws: failures complete the future
	 * exceptionally.
	 * @param spec what to run
	 * @return the running sandbox
	 */
	CompletableFuture<Sandbox> create(SandboxSpec spec);

	/**
	 * Destroys whatever an earlier run of the same owner left behind (start-up and
	 * shutdown clean-up).
	 * @param owner whose sandboxes to reap
	 */
	void reapOrphans(OwnerLabels owner);

	/**
	 * Whether the backend restarts failed sandboxes by itself.
	 * @return false unless the backend says otherwise
	 */
	default boolean selfHealing() {
		return false;
	}

}
