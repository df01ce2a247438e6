package dev.aloft.router.dispatch;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Keeps the queue gauges current and deletes finished rows past their retention, every
 * third of the lease duration.
 */
@Component
class QueueMonitor implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(QueueMonitor.class);

	/** The most finished rows deleted at once. */
	private static final int PURGE_BATCH = 1000;

	private final InvocationQueue queue;

	private final DispatchMetrics metrics;

	private final DispatchProperties properties;

	private @Nullable ScheduledExecutorService scheduler;

	private boolean failing;

	QueueMonitor(InvocationQueue queue, DispatchMetrics metrics, DispatchProperties properties) {
		this.queue = queue;
		this.metrics = metrics;
		this.properties = properties;
	}

	@Override
	public synchronized void start() {
		if (this.scheduler != null) {
			return;
		}
		long interval = this.properties.leaseRenewal().toMillis();
		this.scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("queue-monitor").factory());
		this.scheduler.scheduleWithFixedDelay(this::refresh, 0, interval, TimeUnit.MILLISECONDS);
	}

	@Override
	public synchronized void stop() {
		if (this.scheduler != null) {
			this.scheduler.shutdownNow();
			this.scheduler = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.scheduler != null;
	}

	private void refresh() {
		try {
			this.metrics.update(this.queue.stats());
			int purged = this.queue.purgeSucceeded(PURGE_BATCH);
			if (purged > 0) {
				logger.debug("Purged {} finished events past their retention", purged);
			}
			this.failing = false;
		}
		catch (RuntimeException ex) {
			if (!this.failing) {
				logger.warn("Cannot read the queue's statistics: {}", ex.toString());
				this.failing = true;
			}
		}
	}

}
