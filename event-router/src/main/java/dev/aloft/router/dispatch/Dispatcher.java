package dev.aloft.router.dispatch;

import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import dev.aloft.router.catalog.FunctionCatalog;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Works the queue: one claimer takes due rows in batches, as many as there are free
 * workers, and dispatches each on its own virtual thread; a lease keeper renews the
 * leases of rows in flight and returns rows whose lease expired (their router died) to
 * the queue.
 * <p>
 * A function's reserved concurrency is respected here: an invocation is dispatched only
 * while fewer than that many of the function's run on this router; otherwise it is handed
 * back untouched, and the function's rows are left out of claims until one finishes.
 * Nothing is claimed before the configuration view is loaded, so that a router that just
 * started never mistakes "not loaded yet" for "does not exist".
 */
@Component
class Dispatcher implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(Dispatcher.class);

	private final InvocationQueue queue;

	private final FunctionCatalog catalog;

	private final InvocationHandler invocations;

	private final DeliveryHandler deliveries;

	private final Wakeup wakeup;

	private final DispatchProperties properties;

	private final ConcurrencyLimits limits = new ConcurrencyLimits();

	private final Semaphore workers;

	private final Set<UUID> inFlight = ConcurrentHashMap.newKeySet();

	private volatile boolean running;

	private @Nullable Thread claimer;

	private @Nullable ExecutorService dispatches;

	private @Nullable ScheduledExecutorService leaseKeeper;

	Dispatcher(InvocationQueue queue, FunctionCatalog catalog, InvocationHandler invocations,
			DeliveryHandler deliveries, Wakeup wakeup, DispatchProperties properties) {
		this.queue = queue;
		this.catalog = catalog;
		this.invocations = invocations;
		this.deliveries = deliveries;
		this.wakeup = wakeup;
		this.properties = properties;
		this.workers = new Semaphore(properties.workers());
	}

	@Override
	public synchronized void start() {
		if (this.running) {
			return;
		}
		this.running = true;
		this.dispatches = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("event-dispatch-", 0).factory());
		this.leaseKeeper = Executors
			.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("event-leases").factory());
		long renewal = this.properties.leaseRenewal().toMillis();
		this.leaseKeeper.scheduleWithFixedDelay(this::keepLeases, renewal, renewal, TimeUnit.MILLISECONDS);
		this.claimer = Thread.ofVirtual().name("event-claimer").start(this::claimLoop);
		logger.info("Dispatching queued events as {} with {} workers", this.queue.owner(), this.properties.workers());
	}

	/**
	 * Stops claiming, waits a while for dispatches in flight, then interrupts the rest:
	 * their rows go back to the queue (or, if that fails, when their leases expire).
	 */
	@Override
	public void stop() {
		Thread claimerThread;
		ExecutorService dispatching;
		ScheduledExecutorService leases;
		synchronized (this) {
			if (!this.running) {
				return;
			}
			this.running = false;
			claimerThread = this.claimer;
			dispatching = this.dispatches;
			leases = this.leaseKeeper;
		}
		this.wakeup.signal();
		try {
			if (claimerThread != null) {
				claimerThread.join(this.properties.drainTimeout().toMillis());
			}
			if (dispatching != null) {
				dispatching.shutdown();
				if (!dispatching.awaitTermination(this.properties.drainTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
					logger.warn("{} dispatches still running after {}; interrupting them", this.inFlight.size(),
							this.properties.drainTimeout());
					dispatching.shutdownNow();
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			if (leases != null) {
				leases.shutdownNow();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void claimLoop() {
		boolean failing = false;
		while (this.running) {
			try {
				int free = this.workers.availablePermits();
				if (free == 0 || this.catalog.revision() < 0) {
					this.wakeup.await(this.properties.pollInterval());
					continue;
				}
				int wanted = Math.min(this.properties.batchSize(), free);
				List<ClaimedEvent> claimed = this.queue.claim(wanted, this.limits.saturated());
				if (failing) {
					logger.info("The queue is reachable again");
					failing = false;
				}
				for (ClaimedEvent event : claimed) {
					dispatch(event);
				}
				if (claimed.size() < wanted) {
					this.wakeup.await(this.properties.pollInterval());
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				if (!failing) {
					logger.warn("Cannot claim queued events, will keep trying: {}", ex.toString());
					failing = true;
				}
				try {
					this.wakeup.await(this.properties.pollInterval());
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
	}

	private void dispatch(ClaimedEvent event) {
		if (this.inFlight.contains(event.id())) {
			// Its lease expired while this router was still dispatching it (renewals
			// failed), and it was claimed again: let the first dispatch finish.
			this.queue.postpone(event, this.queue.now().plus(this.properties.leaseDuration()),
					"Claimed again while still being dispatched");
			return;
		}
		String limitedFunction = null;
		if (event.kind() == EventKind.INVOCATION) {
			FunctionRef function = event.function();
			OptionalInt reserved = this.catalog.reservedConcurrency(function.namespace(), function.functionName());
			if (reserved.isPresent() && reserved.getAsInt() > 0) {
				if (!this.limits.tryAcquire(function.functionKey(), reserved.getAsInt())) {
					this.queue.release(event);
					return;
				}
				limitedFunction = function.functionKey();
			}
		}
		ExecutorService dispatching = this.dispatches;
		if (dispatching == null) {
			return;
		}
		this.workers.acquireUninterruptibly();
		this.inFlight.add(event.id());
		String permit = limitedFunction;
		dispatching.execute(() -> run(event, permit));
	}

	private void run(ClaimedEvent event, @Nullable String limitedFunction) {
		try (MDC.MDCCloseable id = MDC.putCloseable("invocationId", event.id().toString());
				MDC.MDCCloseable namespace = MDC.putCloseable("namespace", event.function().namespace());
				MDC.MDCCloseable function = MDC.putCloseable("function", event.function().functionName())) {
			if (event.kind() == EventKind.INVOCATION) {
				this.invocations.handle(event);
			}
			else {
				this.deliveries.handle(event);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			handBack(event);
		}
		catch (RuntimeException ex) {
			logger.error("Dispatch of {} failed; it will be tried again after {}", event.id(),
					this.properties.leaseDuration(), ex);
			postpone(event, ex);
		}
		finally {
			this.inFlight.remove(event.id());
			if (limitedFunction != null) {
				this.limits.release(limitedFunction);
			}
			this.workers.release();
			this.wakeup.signal();
		}
	}

	/** After an interruption (the router is stopping): back to the queue as it was. */
	private void handBack(ClaimedEvent event) {
		try {
			this.queue.release(event);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not hand {} back; it returns to the queue when its lease expires", event.id());
		}
	}

	/**
	 * After an unexpected failure: back to the queue, but not at once, so that a failure
	 * that repeats does not turn into a hot loop.
	 */
	private void postpone(ClaimedEvent event, RuntimeException failure) {
		try {
			this.queue.postpone(event, this.queue.now().plus(this.properties.leaseDuration()),
					"The router failed dispatching it: " + failure.getClass().getSimpleName());
		}
		catch (RuntimeException ex) {
			logger.warn("Could not postpone {}; it returns to the queue when its lease expires", event.id());
		}
	}

	private void keepLeases() {
		try {
			this.queue.renewLeases(Set.copyOf(this.inFlight));
			int requeued = this.queue.requeueExpiredLeases();
			if (requeued > 0) {
				logger.info("Returned {} events to the queue whose router stopped before finishing them", requeued);
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Could not renew or recover leases: {}", ex.toString());
		}
	}

}
