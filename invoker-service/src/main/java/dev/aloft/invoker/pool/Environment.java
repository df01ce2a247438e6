package dev.aloft.invoker.pool;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicReference;

import dev.aloft.invoker.spi.Sandbox;
import dev.aloft.invoker.spi.SandboxId;
import org.jspecify.annotations.Nullable;

/**
 * One execution environment: a sandbox running one runtime for one function version. Its
 * state is guarded by its {@link VersionPool}'s lock.
 */
final class Environment {

	private static final int MAX_INIT_LOG_LINES = 200;

	private final SandboxId id;

	private final String token;

	private final VersionPool pool;

	private final long createdNanos;

	private EnvironmentState state;

	private @Nullable Sandbox sandbox;

	private @Nullable ScheduledFuture<?> timer;

	private boolean servedAny;

	private double initDurationMillis;

	private byte @Nullable [] initError;

	private boolean memoryReleased;

	private boolean startSlotReleased;

	/** Started ahead of any invocation for provisioned concurrency: never cold. */
	private final boolean prewarmed;

	/** Holds one of its version's provisioned slots: never reaped or evicted. */
	private boolean provisioned;

	private final AtomicReference<@Nullable Invocation> logTarget = new AtomicReference<>();

	private final List<OutputLine> initLog = new ArrayList<>();

	Environment(SandboxId id, String token, VersionPool pool, long nowNanos) {
		this(id, token, pool, nowNanos, false);
	}

	Environment(SandboxId id, String token, VersionPool pool, long nowNanos, boolean provisioned) {
		this.id = id;
		this.token = token;
		this.pool = pool;
		this.createdNanos = nowNanos;
		this.state = new EnvironmentState.Starting(nowNanos);
		this.prewarmed = provisioned;
		this.provisioned = provisioned;
	}

	/**
	 * Whether it was started for provisioned concurrency, so its first invocation is
	 * warm.
	 */
	boolean prewarmed() {
		return this.prewarmed;
	}

	/**
	 * Whether it holds a provisioned slot of its version now.
	 */
	boolean provisioned() {
		return this.provisioned;
	}

	/**
	 * Gives up its provisioned slot: from now on it is an ordinary warm environment.
	 */
	void unprovision() {
		this.provisioned = false;
	}

	SandboxId id() {
		return this.id;
	}

	String token() {
		return this.token;
	}

	VersionPool pool() {
		return this.pool;
	}

	EnvironmentState state() {
		return this.state;
	}

	void transition(EnvironmentState next) {
		if (!this.state.allows(next)) {
			throw new IllegalStateException("Environment " + this.id + " cannot go from "
					+ this.state.getClass().getSimpleName() + " to " + next.getClass().getSimpleName());
		}
		this.state = next;
	}

	boolean dead() {
		return this.state instanceof EnvironmentState.Dead;
	}

	@Nullable Sandbox sandbox() {
		return this.sandbox;
	}

	void sandbox(Sandbox sandbox) {
		this.sandbox = sandbox;
	}

	/**
	 * Replaces the pending timer (init timeout or invocation deadline), cancelling the
	 * old one.
	 */
	void timer(@Nullable ScheduledFuture<?> timer) {
		if (this.timer != null) {
			this.timer.cancel(false);
		}
		this.timer = timer;
	}

	/**
	 * Marks the end of initialisation: the runtime asked for its first invocation.
	 */
	void initialised(long nowNanos) {
		this.initDurationMillis = (nowNanos - this.createdNanos) / 1_000_000.0;
	}

	double ageMillis(long nowNanos) {
		return (nowNanos - this.createdNanos) / 1_000_000.0;
	}

	double initDurationMillis() {
		return this.initDurationMillis;
	}

	/**
	 * Whether the next hand-over is this environment's first (a cold start).
	 */
	boolean firstHandOver() {
		boolean first = !this.servedAny;
		this.servedAny = true;
		return first;
	}

	byte @Nullable [] initError() {
		return this.initError;
	}

	void initError(byte[] body) {
		this.initError = body;
	}

	/**
	 * Marks the environment's memory as given back; true only the first time.
	 */
	boolean releaseMemoryOnce() {
		boolean first = !this.memoryReleased;
		this.memoryReleased = true;
		return first;
	}

	/**
	 * Marks the environment's start slot as given back; true only the first time.
	 */
	boolean releaseStartSlotOnce() {
		boolean first = !this.startSlotReleased;
		this.startSlotReleased = true;
		return first;
	}

	/**
	 * Directs the runtime's output to an invocation's log (or, when null, to the init
	 * log).
	 */
	void logTo(Invocation invocation) {
		this.logTarget.set(invocation);
	}

	/**
	 * Stops directing output to an invocation, unless the environment has moved on to
	 * another.
	 */
	void stopLoggingTo(Invocation invocation) {
		this.logTarget.compareAndSet(invocation, null);
	}

	/**
	 * Attributes one line of the runtime's output: to the invocation it holds, or to its
	 * init log, which the first invocation receives.
	 */
	void log(String stream, String line) {
		Invocation target = this.logTarget.get();
		if (target != null) {
			target.log(stream, line);
			return;
		}
		synchronized (this.initLog) {
			if (this.initLog.size() < MAX_INIT_LOG_LINES) {
				this.initLog.add(new OutputLine(stream, line));
			}
		}
	}

	/**
	 * Hands the output written during initialisation to the first invocation.
	 */
	void replayInitLog(Invocation invocation) {
		List<OutputLine> lines;
		synchronized (this.initLog) {
			lines = List.copyOf(this.initLog);
			this.initLog.clear();
		}
		lines.forEach((line) -> invocation.log(line.stream(), line.text()));
	}

	/**
	 * A line of output and the stream it came from.
	 */
	private record OutputLine(String stream, String text) {
	}

}
