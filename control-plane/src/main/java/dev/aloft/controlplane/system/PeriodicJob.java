package dev.aloft.controlplane.system;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * Runs a piece of background work every so often, on a daemon thread of its own, for a
 * {@link org.springframework.context.SmartLifecycle} bean to start and stop, and to
 * report as its own running state. Each start gets a new thread, so the work resumes
 * after a stop (as when Spring pauses a cached test context). A run that fails is logged
 * and the next one comes on time.
 */
public final class PeriodicJob {

	private static final long STOP_TIMEOUT_SECONDS = 5;

	private final String threadName;

	private final Logger logger;

	private final String failure;

	private final Runnable work;

	private @Nullable ScheduledExecutorService timer;

	private volatile boolean running;

	/**
	 * A job, not started yet.
	 * @param threadName the name of its thread
	 * @param logger the owner's logger, which failed runs are logged with
	 * @param failure what failed, for that log line, e.g. {@code Could not compact the
	 * feed}
	 * @param work the work of one run
	 */
	public PeriodicJob(String threadName, Logger logger, String failure, Runnable work) {
		this.threadName = threadName;
		this.logger = logger;
		this.failure = failure;
		this.work = work;
	}

	/**
	 * Starts the job: the work runs every {@code every}, the first time after
	 * {@code every} or {@code longestFirstDelay}, whichever is shorter.
	 * @param every the wait between runs (from the end of one to the start of the next)
	 * @param longestFirstDelay the longest wait before the first run
	 */
	public synchronized void start(Duration every, Duration longestFirstDelay) {
		this.running = true;
		if (this.timer != null) {
			return;
		}
		Duration firstDelay = (every.compareTo(longestFirstDelay) < 0) ? every : longestFirstDelay;
		ScheduledExecutorService executor = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().name(this.threadName).daemon().factory());
		executor.scheduleWithFixedDelay(this::runOnce, firstDelay.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
		this.timer = executor;
	}

	/**
	 * Starts the job with its work turned off: it is running (as its owner's lifecycle
	 * sees it), but no run is scheduled.
	 */
	public synchronized void startWithoutRuns() {
		this.running = true;
	}

	private void runOnce() {
		try {
			this.work.run();
		}
		catch (RuntimeException ex) {
			this.logger.warn("{}: {}", this.failure, ex.toString());
		}
	}

	/**
	 * Stops running the work, giving a run under way a few seconds to end.
	 */
	public synchronized void stop() {
		this.running = false;
		ScheduledExecutorService executor = this.timer;
		this.timer = null;
		if (executor != null) {
			executor.shutdown();
			try {
				executor.awaitTermination(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/**
	 * Whether the job is running: between a start and a stop. A run under way checks it
	 * to end early when its owner stops.
	 * @return whether it is
	 */
	public boolean running() {
		return this.running;
	}

	/**
	 * Whether runs are scheduled: between a start with runs and a stop.
	 * @return whether they are
	 */
	public synchronized boolean scheduled() {
		return this.timer != null;
	}

}
