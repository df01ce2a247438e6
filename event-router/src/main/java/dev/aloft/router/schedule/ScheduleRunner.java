package dev.aloft.router.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import dev.aloft.router.catalog.FunctionCatalog;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs the {@link ScheduleTicker} on a virtual thread: a pass, then a wait until the next
 * tick of any schedule (at most {@code max-wait}), or until the configuration changes.
 */
@Component
@ConditionalOnBooleanProperty(name = "aloft.event-router.schedule.enabled", matchIfMissing = true)
class ScheduleRunner implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(ScheduleRunner.class);

	private final ScheduleTicker ticker;

	private final Clock clock;

	private final ScheduleProperties properties;

	private final Semaphore wakeups = new Semaphore(0);

	private volatile boolean running;

	private @Nullable Thread thread;

	ScheduleRunner(ScheduleTicker ticker, FunctionCatalog catalog, Clock clock, ScheduleProperties properties) {
		this.ticker = ticker;
		this.clock = clock;
		this.properties = properties;
		catalog.onUpdate(this::wake);
	}

	@Override
	public synchronized void start() {
		if (this.running) {
			return;
		}
		this.running = true;
		this.thread = Thread.ofVirtual().name("schedule-ticker").start(this::loop);
		logger.info("Firing schedules");
	}

	@Override
	public void stop() {
		Thread current;
		synchronized (this) {
			this.running = false;
			current = this.thread;
			this.thread = null;
		}
		if (current != null) {
			// Woken, not interrupted: a pass in a transaction finishes rather than
			// breaking
			// its database connection.
			wake();
			try {
				current.join(Duration.ofSeconds(10));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void wake() {
		if (this.wakeups.availablePermits() == 0) {
			this.wakeups.release();
		}
	}

	private void loop() {
		while (this.running) {
			Duration wait = this.properties.maxWait();
			try {
				Optional<Instant> next = this.ticker.fireDue(this.clock.instant());
				if (next.isPresent()) {
					Duration untilNext = Duration.between(this.clock.instant(), next.get());
					if (untilNext.compareTo(wait) < 0) {
						wait = untilNext.isNegative() ? Duration.ZERO : untilNext;
					}
				}
			}
			catch (RuntimeException ex) {
				logger.warn("A pass over the schedules failed; trying again in {}: {}", wait, ex.toString());
			}
			try {
				if (this.wakeups.tryAcquire(Math.max(1, wait.toMillis()), TimeUnit.MILLISECONDS)) {
					this.wakeups.drainPermits();
				}
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

}
