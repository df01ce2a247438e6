package dev.aloft.invoker.pool;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

import dev.aloft.contracts.config.FunctionVersionConfig;
import org.jspecify.annotations.Nullable;

/**
 * The environments of one {@link PoolKey} and the invocations waiting for them. Idle
 * environments pull from the queue; the pool only decides how many exist. All fields are
 * guarded by {@link #lock}.
 */
final class VersionPool {

	final ReentrantLock lock = new ReentrantLock();

	private final PoolKey key;

	private final FunctionVersionConfig function;

	private final Deque<Invocation> queue = new ArrayDeque<>();

	/**
	 * Most recently idle first, so the busiest environments stay warm and the rest age
	 * out.
	 */
	private final Deque<Environment> idle = new ArrayDeque<>();

	private final Set<Environment> environments = new HashSet<>();

	private int starting;

	/** How many provisioned environments this invoker keeps for the version. */
	private int provisionedTarget;

	VersionPool(PoolKey key, FunctionVersionConfig function) {
		this.key = key;
		this.function = function;
	}

	PoolKey key() {
		return this.key;
	}

	FunctionVersionConfig function() {
		return this.function;
	}

	Deque<Invocation> queue() {
		return this.queue;
	}

	Deque<Environment> idle() {
		return this.idle;
	}

	Set<Environment> environments() {
		return this.environments;
	}

	/**
	 * The idle environment to serve the next invocation: a provisioned one first, so
	 * on-demand environments age out while provisioned capacity covers the load.
	 */
	@Nullable Environment pollIdle() {
		for (Environment environment : this.idle) {
			if (environment.provisioned()) {
				this.idle.remove(environment);
				return environment;
			}
		}
		return this.idle.pollFirst();
	}

	int provisionedTarget() {
		return this.provisionedTarget;
	}

	void provisionedTarget(int target) {
		this.provisionedTarget = target;
	}

	/**
	 * Live environments holding a provisioned slot, starting ones included.
	 */
	int provisionedLive() {
		int live = 0;
		for (Environment environment : this.environments) {
			if (environment.provisioned() && !environment.dead()) {
				live++;
			}
		}
		return live;
	}

	/**
	 * Whether fewer provisioned environments live than this invoker should keep.
	 */
	boolean needsProvisioned() {
		return provisionedLive() < this.provisionedTarget;
	}

	@Nullable Invocation pollQueue() {
		return this.queue.pollFirst();
	}

	void added(Environment environment) {
		this.environments.add(environment);
		this.starting++;
	}

	void startFinished() {
		this.starting--;
	}

	/**
	 * Whether queued work needs another environment: more waiting than environments on
	 * the way.
	 */
	boolean needsEnvironment() {
		return this.queue.size() > this.starting;
	}

	boolean hasLiveEnvironments() {
		return !this.environments.isEmpty();
	}

	void removed(Environment environment) {
		this.environments.remove(environment);
		this.idle.remove(environment);
	}

}
