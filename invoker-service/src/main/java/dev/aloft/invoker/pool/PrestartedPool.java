package dev.aloft.invoker.pool;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.LongPredicate;

import dev.aloft.contracts.config.FunctionVersionConfig;
import dev.aloft.invoker.spi.Sandbox;
import dev.aloft.invoker.spi.SandboxBackend;
import dev.aloft.invoker.spi.SandboxExit;
import dev.aloft.invoker.spi.SandboxId;
import dev.aloft.invoker.spi.SandboxSpec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The environments started ahead of demand (see {@link PrestartProperties}): it keeps
 * each family and memory size at its target, from memory nobody else needs, and gives
 * them up first when a function needs memory. A cold start takes one instead of booting a
 * runtime; the one taken is then that function's for good, and the pool starts another in
 * the background once that function's init is over, so the two do not compete for the
 * CPU.
 */
final class PrestartedPool {

	private static final Logger logger = LoggerFactory.getLogger(PrestartedPool.class);

	private final SandboxBackend backend;

	private final EnvironmentSpecs specs;

	private final PrestartProperties properties;

	private final MemoryBudget memory;

	private final Semaphore startSlots;

	private final ScheduledExecutorService timers;

	private final Duration initTimeout;

	/** Runs when a start slot frees, so waiting cold starts get it. */
	private final Runnable startSlotFreed;

	/** Tells an environment that the process it took over ended. */
	private final BiConsumer<Environment, SandboxExit> ownerExited;

	/** Whether functions' environments are starting now. */
	private final BooleanSupplier functionsStarting;

	private final boolean enabled;

	private final ReentrantLock lock = new ReentrantLock();

	/** Pre-started environments not given away, by token. Guarded by {@link #lock}. */
	private final Map<String, PrestartedEnvironment> byToken = new ConcurrentHashMap<>();

	private final SecureRandom random = new SecureRandom();

	private final AtomicLong hits = new AtomicLong();

	private final AtomicLong misses = new AtomicLong();

	private volatile boolean accepting = true;

	private @Nullable ScheduledFuture<?> refilling;

	PrestartedPool(PoolParts parts, PrestartProperties properties, Duration initTimeout, Runnable startSlotFreed,
			BiConsumer<Environment, SandboxExit> ownerExited, BooleanSupplier functionsStarting) {
		this.backend = parts.backend();
		this.specs = parts.specs();
		this.memory = parts.memory();
		this.startSlots = parts.startSlots();
		this.timers = parts.timers();
		this.properties = properties;
		this.initTimeout = initTimeout;
		this.startSlotFreed = startSlotFreed;
		this.ownerExited = ownerExited;
		this.functionsStarting = functionsStarting;
		// A backend runs what it can of each family (see PrestartBackend).
		this.enabled = properties.keys().stream().map(PrestartKey::family).anyMatch(parts.specs()::prestarts);
	}

	/**
	 * Starts keeping environments pre-started; called once the Runtime API listens, which
	 * they call as soon as they run, and again when a stopped invoker starts again.
	 */
	void start() {
		this.accepting = true;
		if (this.enabled && this.refilling == null) {
			logger.info("Keeping pre-started environments: {} of each of {}", this.properties.runtimes(),
					this.properties.keys());
			long every = this.properties.refillInterval().toMillis();
			this.refilling = this.timers.scheduleWithFixedDelay(this::refillWhenQuiet, 0, every, TimeUnit.MILLISECONDS);
		}
	}

	/**
	 * What the pool shares with the environment pool.
	 *
	 * @param backend creates sandboxes
	 * @param specs builds what they run
	 * @param memory the invoker's memory budget
	 * @param startSlots the environments that may start at once
	 * @param timers the pool's timers
	 */
	record PoolParts(SandboxBackend backend, EnvironmentSpecs specs, MemoryBudget memory, Semaphore startSlots,
			ScheduledExecutorService timers) {
	}

	/**
	 * Takes a ready pre-started environment that can run a function, counting a hit, or a
	 * miss when the function's family and size are pre-started but none is ready. Its
	 * memory reservation passes to the caller, who must then hand it an owner.
	 * @return the environment, or null
	 */
	@Nullable PrestartedEnvironment take(FunctionVersionConfig function) {
		if (!this.enabled) {
			return null;
		}
		boolean prestarted = false;
		PrestartedEnvironment taken = null;
		this.lock.lock();
		try {
			for (PrestartKey key : this.properties.keys()) {
				prestarted |= this.specs.fitsPrestarted(function, key);
			}
			if (!prestarted) {
				return null;
			}
			for (PrestartedEnvironment environment : this.byToken.values()) {
				if (environment.ready() && this.specs.fitsPrestarted(function, environment.key())) {
					taken = environment;
					break;
				}
			}
			if (taken != null) {
				taken.take();
				this.byToken.remove(taken.token(), taken);
			}
		}
		finally {
			this.lock.unlock();
		}
		if (taken == null) {
			this.misses.incrementAndGet();
			return null;
		}
		this.hits.incrementAndGet();
		// No refill yet: a runtime booting alongside the taker's init would slow it (a
		// JVM's boot takes a core for a few hundred milliseconds). The pool refills when
		// that init ends, as every finished start lets waiting starts go first.
		return taken;
	}

	/**
	 * Hands a taken environment to the environment that owns it from now on.
	 */
	void owner(PrestartedEnvironment prestarted, Environment owner) {
		SandboxExit exit = prestarted.owner(owner);
		if (exit != null) {
			this.ownerExited.accept(owner, exit);
		}
	}

	/**
	 * {@code GET .../aloft/assignment}: a pre-started runtime waits for its function.
	 * @param token the environment's secret
	 * @return the environment variables of its function, task root included
	 * @throws RuntimeApiException when the token is not a waiting pre-started
	 * environment's, or when it is retired while waiting
	 * @throws InterruptedException when interrupted while waiting
	 */
	Map<String, String> awaitAssignment(String token) throws InterruptedException {
		CompletableFuture<Map<String, String>> assignment = new CompletableFuture<>();
		this.lock.lock();
		try {
			PrestartedEnvironment environment = this.byToken.get(token);
			if (environment == null || environment.dead()) {
				throw RuntimeApiException.unknownEnvironment();
			}
			if (environment.assignment() != null) {
				throw RuntimeApiException.invalidStateTransition("Ready", "Assignment");
			}
			environment.awaitingAssignment(assignment);
			environment.timer(null);
			releaseStartSlot(environment);
		}
		finally {
			this.lock.unlock();
		}
		try {
			return assignment.get();
		}
		catch (ExecutionException ex) {
			throw RuntimeApiException.environmentGone();
		}
	}

	/**
	 * Reserves memory for a function's new environment, making room when needed:
	 * pre-started environments (ready ones last) give way first; when ending them all
	 * would not be enough, whatever {@code evictOthers} ends goes first, and pre-started
	 * ones end only if that then suffices, never for nothing. Refills wait meanwhile, so
	 * the memory freed goes to the function, not to a new pre-started environment.
	 * @param memoryMb the memory to reserve
	 * @param evictOthers ends other environments until the given MB are free; answers
	 * whether any ended
	 * @return whether the memory is reserved
	 */
	boolean reserve(int memoryMb, LongPredicate evictOthers) {
		List<PrestartedEnvironment> victims = new ArrayList<>();
		this.lock.lock();
		try {
			if (this.memory.reserve(memoryMb)) {
				return true;
			}
			List<PrestartedEnvironment> candidates = this.byToken.values()
				.stream()
				.filter(PrestartedEnvironment::pooled)
				.sorted(Comparator.comparing(PrestartedEnvironment::ready))
				.toList();
			long held = candidates.stream().mapToLong((candidate) -> candidate.key().memoryMb()).sum();
			if (this.memory.freeMb() + held < memoryMb) {
				// Ending them all would not be enough: others make up the difference
				// first, and pre-started environments end only if that then suffices.
				evictOthers.test(memoryMb - held);
				if (this.memory.reserve(memoryMb)) {
					return true;
				}
				if (this.memory.freeMb() + held < memoryMb) {
					return false;
				}
			}
			long free = this.memory.freeMb();
			for (PrestartedEnvironment candidate : candidates) {
				if (free >= memoryMb) {
					break;
				}
				victims.add(candidate);
				free += candidate.key().memoryMb();
			}
			victims.forEach(this::retire);
			return this.memory.reserve(memoryMb);
		}
		finally {
			this.lock.unlock();
			victims.forEach((victim) -> {
				logger.debug("Ended a pre-started {} environment to free memory", victim.key());
				destroy(victim);
			});
		}
	}

	/**
	 * The periodic refill, which waits while functions' environments start: a runtime
	 * booting alongside their init would slow it, and each of them refills when it is
	 * done (see {@link #refill()}).
	 */
	private void refillWhenQuiet() {
		if (!this.functionsStarting.getAsBoolean()) {
			refill();
		}
	}

	/**
	 * Starts what is missing of each family and memory size, as start slots and free
	 * memory allow: pre-started environments never push anything else out. Called
	 * whenever an environment has finished starting, so the one a cold start took is
	 * replaced once that start's init is over, not during it.
	 */
	void refill() {
		if (!this.enabled || !this.accepting) {
			return;
		}
		try {
			for (PrestartKey key : this.properties.keys()) {
				if (!this.specs.canPrestart(key)) {
					// Not yet (a JDK's class-data archive), or not on this invoker.
					continue;
				}
				long live = this.byToken.values()
					.stream()
					.filter((environment) -> environment.pooled() && environment.key().equals(key))
					.count();
				for (long i = live; i < this.properties.target(key); i++) {
					if (!start(key)) {
						return;
					}
				}
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Could not refill the pre-started environments: {}", ex.toString());
		}
	}

	private boolean start(PrestartKey key) {
		if (!this.startSlots.tryAcquire()) {
			return false;
		}
		byte[] secret = new byte[16];
		this.random.nextBytes(secret);
		PrestartedEnvironment environment = new PrestartedEnvironment(new SandboxId(UUID.randomUUID().toString()),
				HexFormat.of().formatHex(secret), key);
		this.lock.lock();
		try {
			// Under the lock: a function making room (see reserve) must get what it
			// frees.
			if (!this.memory.reserve(key.memoryMb())) {
				this.startSlots.release();
				return false;
			}
			this.byToken.put(environment.token(), environment);
			environment.timer(this.timers.schedule(() -> startTimedOut(environment), this.initTimeout.toMillis(),
					TimeUnit.MILLISECONDS));
		}
		finally {
			this.lock.unlock();
		}
		logger.debug("Pre-starting a {} environment", key);
		Thread.startVirtualThread(() -> launch(environment));
		return true;
	}

	private void launch(PrestartedEnvironment environment) {
		SandboxSpec spec;
		try {
			spec = this.specs.prestartedSpec(environment.key(), environment.id(), environment.token(),
					(stream, line) -> environment.log(stream.name().toLowerCase(Locale.ROOT), line));
		}
		catch (Exception ex) {
			logger.warn("Could not pre-start a {} environment: {}", environment.key(), ex.toString());
			failed(environment);
			return;
		}
		this.backend.create(spec).whenComplete((sandbox, failure) -> {
			if (failure != null) {
				logger.warn("Could not pre-start a {} environment: {}", environment.key(), failure.toString());
				failed(environment);
				return;
			}
			boolean dead;
			this.lock.lock();
			try {
				environment.sandbox(sandbox);
				dead = environment.dead();
			}
			finally {
				this.lock.unlock();
			}
			if (dead) {
				sandbox.destroy();
			}
			sandbox.exited().thenAccept((exit) -> exited(environment, exit));
		});
	}

	private void failed(PrestartedEnvironment environment) {
		this.lock.lock();
		try {
			retire(environment);
		}
		finally {
			this.lock.unlock();
		}
		this.specs.prestartedEnded(environment.key(), environment.id());
	}

	/**
	 * A pre-started process ended: its owner's business once taken, else the pool's.
	 */
	private void exited(PrestartedEnvironment environment, SandboxExit exit) {
		this.specs.prestartedEnded(environment.key(), environment.id());
		Environment owner = environment.exited(exit);
		if (owner != null) {
			this.ownerExited.accept(owner, exit);
			return;
		}
		boolean refill;
		this.lock.lock();
		try {
			refill = environment.pooled();
			if (refill) {
				logger.warn("A pre-started {} environment ended with {} before it was used", environment.key(),
						exit.exitCode());
			}
			retire(environment);
		}
		finally {
			this.lock.unlock();
		}
		if (refill) {
			this.timers.execute(this::refill);
		}
	}

	private void startTimedOut(PrestartedEnvironment environment) {
		this.lock.lock();
		try {
			if (!environment.pooled() || environment.assignment() != null) {
				return;
			}
			logger.warn("A pre-started {} environment did not start within {}", environment.key(), this.initTimeout);
			retire(environment);
		}
		finally {
			this.lock.unlock();
		}
		destroy(environment);
	}

	/**
	 * Ends a pre-started environment the pool still holds: returns its memory and start
	 * slot. Called with the lock held; does nothing to one taken or already retired.
	 */
	private void retire(PrestartedEnvironment environment) {
		if (!environment.pooled()) {
			return;
		}
		environment.kill();
		this.byToken.remove(environment.token(), environment);
		this.memory.release(environment.key().memoryMb());
		releaseStartSlot(environment);
	}

	private void releaseStartSlot(PrestartedEnvironment environment) {
		if (environment.releaseStartSlotOnce()) {
			this.startSlots.release();
			this.timers.execute(this.startSlotFreed);
		}
	}

	private static void destroy(PrestartedEnvironment environment) {
		Sandbox sandbox = environment.sandbox();
		if (sandbox != null) {
			sandbox.destroy();
		}
	}

	/**
	 * Ends every pre-started environment the pool holds and starts no more.
	 */
	void destroyAll() {
		this.accepting = false;
		List<PrestartedEnvironment> all;
		this.lock.lock();
		try {
			all = List.copyOf(this.byToken.values());
			all.forEach(this::retire);
		}
		finally {
			this.lock.unlock();
		}
		all.forEach(PrestartedPool::destroy);
	}

	/**
	 * How many pre-started environments of a family wait ready to be taken.
	 */
	int ready(String family) {
		return (int) this.byToken.values()
			.stream()
			.filter((environment) -> environment.ready() && environment.key().family().equals(family))
			.count();
	}

	/**
	 * Memory the pool holds for environments nobody has taken.
	 */
	long heldMb() {
		return this.byToken.values()
			.stream()
			.filter(PrestartedEnvironment::pooled)
			.mapToLong((environment) -> environment.key().memoryMb())
			.sum();
	}

	long hits() {
		return this.hits.get();
	}

	long misses() {
		return this.misses.get();
	}

	List<String> families() {
		return this.properties.keys()
			.stream()
			.map(PrestartKey::family)
			.distinct()
			.filter(this.specs::prestarts)
			.toList();
	}

}
