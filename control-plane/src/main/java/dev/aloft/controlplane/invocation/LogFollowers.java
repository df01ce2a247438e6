package dev.aloft.controlplane.invocation;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import dev.aloft.controlplane.invocation.FunctionLogStore.FollowedLines;
import dev.aloft.controlplane.invocation.FunctionLogStore.StoredLogLine;
import dev.aloft.controlplane.system.ProblemType;
import dev.aloft.problems.PlatformException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live log streams ({@code text/event-stream}). Each open stream has a virtual thread
 * that reads its function's lines stored after the last one it sent and sends them, each
 * as an event whose id is the line's id, so a client that reconnects with
 * {@code Last-Event-ID} continues where it left off. Lines stored by this process wake
 * the streams at once; lines stored by another replica are found by polling.
 * <p>
 * A stream ends when its client goes away (noticed at the latest by the next heartbeat),
 * when it reaches its time limit, or when the control plane stops: this lifecycle stops
 * before the web server's graceful shutdown and completes every open stream, which would
 * otherwise hold that shutdown up.
 */
@Component
class LogFollowers implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(LogFollowers.class);

	/** The most lines one read returns; a stream that is behind reads again at once. */
	static final int LINES_PER_READ = 500;

	/** The least time between two reads of one stream, however often lines arrive. */
	private static final long MIN_READ_SPACING_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

	private final FunctionLogStore logs;

	private final RecordsProperties properties;

	private final Set<Follower> open = ConcurrentHashMap.newKeySet();

	private final Semaphore slots;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition changed = this.lock.newCondition();

	/** Counts the batches with lines stored here; guarded by {@link #lock}. */
	private long generation;

	private volatile boolean running;

	LogFollowers(FunctionLogStore logs, RecordsProperties properties, MeterRegistry meterRegistry) {
		this.logs = logs;
		this.properties = properties;
		this.slots = new Semaphore(properties.maxFollowers());
		Gauge.builder("aloft.logs.followers", this.open, Set::size)
			.description("Live log streams open")
			.register(meterRegistry);
	}

	/**
	 * Opens a live stream of a function's log.
	 * @param namespace the namespace
	 * @param functionName the function
	 * @param requestId only this invocation's lines, if given
	 * @param lastEventId the id of the last line the client has, or null to send only
	 * lines stored from now on
	 * @return the stream
	 * @throws PlatformException {@code TOO_MANY_LOG_STREAMS} when the limit is reached
	 */
	SseEmitter follow(String namespace, String functionName, @Nullable String requestId, @Nullable Long lastEventId) {
		SseEmitter emitter = new SseEmitter(this.properties.followTimeout().toMillis());
		if (!this.running) {
			emitter.complete();
			return emitter;
		}
		if (!this.slots.tryAcquire()) {
			throw new PlatformException(ProblemType.TOO_MANY_LOG_STREAMS, "The control plane already serves "
					+ this.properties.maxFollowers() + " live log streams; try again later");
		}
		Follower follower;
		try {
			long after = (lastEventId != null) ? lastEventId : this.logs.lastId();
			follower = new Follower(emitter, namespace, functionName, requestId, after);
		}
		catch (RuntimeException ex) {
			this.slots.release();
			throw ex;
		}
		this.open.add(follower);
		emitter.onCompletion(follower::close);
		emitter.onError((ex) -> follower.close());
		emitter.onTimeout(() -> {
			follower.close();
			follower.complete();
		});
		Thread.ofVirtual().name("log-follower").start(follower);
		logger.debug("Following the log of {}/{}", namespace, functionName);
		return emitter;
	}

	/**
	 * Lines were stored in this process: wake the streams.
	 */
	void linesStored() {
		this.lock.lock();
		try {
			this.generation++;
			this.changed.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	private long generation() {
		this.lock.lock();
		try {
			return this.generation;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Waits until lines are stored after {@code seen}, the time passes, or the stream or
	 * the control plane stops.
	 */
	private void awaitLines(Follower follower, long seen, Duration wait) throws InterruptedException {
		long remaining = wait.toNanos();
		this.lock.lock();
		try {
			while (this.running && !follower.closed && this.generation == seen && remaining > 0) {
				remaining = this.changed.awaitNanos(remaining);
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Waits out the rest of the least time between reads (unless the stream or the
	 * control plane stops).
	 */
	private void spaceReads(Follower follower, long lastReadNanos) throws InterruptedException {
		long remaining = MIN_READ_SPACING_NANOS - (System.nanoTime() - lastReadNanos);
		this.lock.lock();
		try {
			while (this.running && !follower.closed && remaining > 0) {
				remaining = this.changed.awaitNanos(remaining);
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	private void wakeAll() {
		this.lock.lock();
		try {
			this.changed.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public void start() {
		this.running = true;
	}

	/**
	 * Completes every open stream, so the web server's graceful shutdown need not wait
	 * for them.
	 */
	@Override
	public void stop() {
		this.running = false;
		List<Follower> streams = List.copyOf(this.open);
		streams.forEach(Follower::close);
		streams.forEach(Follower::complete);
		wakeAll();
		if (!streams.isEmpty()) {
			logger.info("Closed {} live log streams", streams.size());
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * One open stream and the loop that feeds it.
	 */
	private final class Follower implements Runnable {

		private final SseEmitter emitter;

		private final String namespace;

		private final String functionName;

		private final @Nullable String requestId;

		private long afterId;

		private volatile boolean closed;

		Follower(SseEmitter emitter, String namespace, String functionName, @Nullable String requestId, long afterId) {
			this.emitter = emitter;
			this.namespace = namespace;
			this.functionName = functionName;
			this.requestId = requestId;
			this.afterId = afterId;
		}

		@Override
		public void run() {
			long lastSent = System.nanoTime();
			long lastRead = 0;
			try {
				while (!this.closed && LogFollowers.this.running) {
					spaceReads(this, lastRead);
					long seen = generation();
					lastRead = System.nanoTime();
					FollowedLines next = LogFollowers.this.logs.storedAfter(this.namespace, this.functionName,
							this.requestId, this.afterId, LINES_PER_READ);
					for (StoredLogLine line : next.lines()) {
						this.emitter.send(SseEmitter.event()
							.id(Long.toString(line.id()))
							.data(LogLineResponse.from(line.line()), MediaType.APPLICATION_JSON));
					}
					this.afterId = next.nextAfterId();
					if (!next.lines().isEmpty()) {
						lastSent = System.nanoTime();
						if (next.lines().size() == LINES_PER_READ) {
							continue;
						}
					}
					else if (System.nanoTime() - lastSent >= LogFollowers.this.properties.followHeartbeat().toNanos()) {
						this.emitter.send(SseEmitter.event().comment("keep-alive"));
						lastSent = System.nanoTime();
					}
					awaitLines(this, seen, LogFollowers.this.properties.followPollInterval());
				}
			}
			catch (IOException | IllegalStateException ex) {
				// The client went away, or the stream was completed (timeout, shutdown).
				logger.debug("Live log stream of {}/{} ended: {}", this.namespace, this.functionName, ex.toString());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			catch (RuntimeException ex) {
				logger.warn("Live log stream of {}/{} failed: {}", this.namespace, this.functionName, ex.toString());
			}
			finally {
				close();
				complete();
			}
		}

		void close() {
			this.closed = true;
			if (LogFollowers.this.open.remove(this)) {
				LogFollowers.this.slots.release();
			}
			wakeAll();
		}

		void complete() {
			try {
				this.emitter.complete();
			}
			catch (IllegalStateException ex) {
				// Already completed.
			}
		}

	}

}
