package dev.aloft.router.s3;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

/**
 * A broker target of MinIO's object events, consumed on its own virtual thread while the
 * router runs: what the AMQP and Kafka consumers share. A stop ends a pause between
 * retries at once and waits for the loop to finish the message in hand.
 */
abstract class ObjectEventConsumer implements SmartLifecycle {

	private static final Duration STOP_WAIT = Duration.ofSeconds(30);

	private final String threadName;

	private final Semaphore stopping = new Semaphore(0);

	private volatile boolean running;

	private @Nullable Thread thread;

	ObjectEventConsumer(String threadName) {
		this.threadName = threadName;
	}

	/**
	 * Consumes until {@link #running()} turns false.
	 */
	abstract void consumeUntilStopped();

	/**
	 * Ends a blocking wait of the loop, when stopping; nothing by default.
	 */
	void wake() {
	}

	/**
	 * Releases what the loop used, once it has ended; nothing by default.
	 */
	void stopped() {
	}

	@Override
	public synchronized void start() {
		this.running = true;
		this.thread = Thread.ofVirtual().name(this.threadName).start(this::consumeUntilStopped);
	}

	@Override
	public void stop() {
		Thread current;
		synchronized (this) {
			this.running = false;
			current = this.thread;
			this.thread = null;
		}
		this.stopping.release();
		wake();
		if (current != null) {
			try {
				current.join(STOP_WAIT);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		stopped();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	final boolean running() {
		return this.running;
	}

	/**
	 * Waits, or returns true at once when the consumer is stopping.
	 */
	final boolean pause(Duration duration) {
		try {
			return this.stopping.tryAcquire(duration.toMillis(), TimeUnit.MILLISECONDS) || !this.running;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return true;
		}
	}

}
