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
