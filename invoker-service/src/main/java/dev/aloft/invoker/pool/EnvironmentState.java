package dev.aloft.invoker.pool;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The lifecycle of an execution environment. Every change goes through {@link #allows}:
 * the transition table is the whole state machine.
 *
 * <pre>
 * Starting --first /next--> Idle | Busy
 * Idle --hand-over--> Busy
 * Busy --/response or /error--> Returning --/next--> Idle | Busy
 * any --exit, timeout, reaping, eviction--> Dead
 * </pre>
 */
sealed interface EnvironmentState {

	/** Transitions allowed from each state. */
	Map<Class<? extends EnvironmentState>, Set<Class<? extends EnvironmentState>>> TRANSITIONS = Map.of(Starting.class,
			Set.of(Idle.class, Busy.class, Dead.class), Idle.class, Set.of(Busy.class, Dead.class), Busy.class,
			Set.of(Returning.class, Dead.class), Returning.class, Set.of(Idle.class, Busy.class, Dead.class),
			Dead.class, Set.of());

	/**
	 * Whether this state may change to {@code next}.
	 * @param next the proposed state
	 * @return whether the table allows it
	 */
	default boolean allows(EnvironmentState next) {
		return TRANSITIONS.get(getClass()).contains(next.getClass());
	}

	/**
	 * The sandbox is starting and the runtime initialising; it has not yet asked for
	 * work.
	 *
	 * @param sinceNanos when it started
	 */
	record Starting(long sinceNanos) implements EnvironmentState {
	}

	/**
	 * The runtime waits in {@code /next}; the slot completes with its next invocation.
	 *
	 * @param slot completes at hand-over
	 * @param sinceNanos when it became idle
	 */
	record Idle(CompletableFuture<Invocation> slot, long sinceNanos) implements EnvironmentState {
	}

	/**
	 * The runtime holds an invocation.
	 *
	 * @param invocation the invocation
	 */
	record Busy(Invocation invocation) implements EnvironmentState {
	}

	/**
	 * The runtime has answered and has not yet asked for more.
	 *
	 * @param lastRequestId the request it answered
	 */
	record Returning(String lastRequestId) implements EnvironmentState {
	}

	/**
	 * The environment is gone or going; nothing more is handed to it.
	 *
	 * @param reason why
	 */
	record Dead(String reason) implements EnvironmentState {
	}

}
