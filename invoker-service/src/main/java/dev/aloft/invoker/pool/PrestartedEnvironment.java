package dev.aloft.invoker.pool;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

import dev.aloft.invoker.spi.Sandbox;
import dev.aloft.invoker.spi.SandboxExit;
import dev.aloft.invoker.spi.SandboxId;
import org.jspecify.annotations.Nullable;

/**
 * A runtime started ahead of demand, with no function: it waits in
 * {@code GET .../aloft/assignment} for the environment (variables and task root) of the
 * function it is given. Once given one it belongs to that function's {@link Environment}
 * for good. Fields are guarded by the {@link PrestartedPool}'s lock, except the owner
 * hand-over, which is guarded by this object's monitor.
 */
final class PrestartedEnvironment {

	private static final int MAX_EARLY_LOG_LINES = 50;

	private final SandboxId id;

	private final String token;

	private final PrestartKey key;

	private @Nullable Sandbox sandbox;

	/** Set when the runtime asks for its function; completes when it is given one. */
	private @Nullable CompletableFuture<Map<String, String>> assignment;

	private boolean dead;

	private boolean taken;

	private boolean startSlotReleased;

	private @Nullable ScheduledFuture<?> timer;

	private @Nullable Environment owner;

	private @Nullable SandboxExit exit;

	private final List<String[]> earlyLog = new ArrayList<>();

	PrestartedEnvironment(SandboxId id, String token, PrestartKey key) {
		this.id = id;
		this.token = token;
		this.key = key;
	}

	SandboxId id() {
		return this.id;
	}

	String token() {
		return this.token;
	}

	PrestartKey key() {
		return this.key;
	}

	@Nullable Sandbox sandbox() {
		return this.sandbox;
	}

	void sandbox(Sandbox sandbox) {
		this.sandbox = sandbox;
	}

	/**
	 * Whether it can be given a function now: its sandbox runs and its runtime waits.
	 */
	boolean ready() {
		return !this.dead && !this.taken && this.sandbox != null && this.assignment != null;
	}

	/**
	 * Whether it still counts towards its key's target: alive and not given away.
	 */
	boolean pooled() {
		return !this.dead && !this.taken;
	}

	boolean dead() {
		return this.dead;
	}

	void kill() {
		this.dead = true;
		timer(null);
		if (this.assignment != null) {
			this.assignment.completeExceptionally(new IllegalStateException("retired"));
		}
	}

	/**
	 * Marks it given away: from now on its memory and its process are its owner's.
	 */
	void take() {
		this.taken = true;
		timer(null);
	}

	@Nullable CompletableFuture<Map<String, String>> assignment() {
		return this.assignment;
	}

	void awaitingAssignment(CompletableFuture<Map<String, String>> assignment) {
		this.assignment = assignment;
	}

	/**
	 * Marks its start slot as given back; true only the first time.
	 */
	boolean releaseStartSlotOnce() {
		boolean first = !this.startSlotReleased;
		this.startSlotReleased = true;
		return first;
	}

	void timer(@Nullable ScheduledFuture<?> timer) {
		if (this.timer != null) {
			this.timer.cancel(false);
		}
		this.timer = timer;
	}

	/**
	 * Hands it to the environment that owns it from now on.
	 * @return how its process ended, if it already did (the owner must hear of it)
	 */
	synchronized @Nullable SandboxExit owner(Environment environment) {
		this.owner = environment;
		List<String[]> lines = List.copyOf(this.earlyLog);
		this.earlyLog.clear();
		lines.forEach((line) -> environment.log(line[0], line[1]));
		return this.exit;
	}

	/**
	 * Its process ended.
	 * @return the owner to tell, or null when it has none (yet)
	 */
	synchronized @Nullable Environment exited(SandboxExit exit) {
		this.exit = exit;
		return this.owner;
	}

	/**
	 * A line the runtime wrote: its owner's, or kept until it has one.
	 */
	void log(String stream, String line) {
		Environment target;
		synchronized (this) {
			target = this.owner;
			if (target == null) {
				if (this.earlyLog.size() < MAX_EARLY_LOG_LINES) {
					this.earlyLog.add(new String[] { stream, line });
				}
				return;
			}
		}
		target.log(stream, line);
	}

}
