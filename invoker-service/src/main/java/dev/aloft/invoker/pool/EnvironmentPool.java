package dev.aloft.invoker.pool;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import dev.aloft.contracts.config.FunctionVersionConfig;
import dev.aloft.contracts.invoke.InvocationOutcome;
import dev.aloft.invoker.pool.EnvironmentState.Busy;
import dev.aloft.invoker.pool.EnvironmentState.Dead;
import dev.aloft.invoker.pool.EnvironmentState.Idle;
import dev.aloft.invoker.pool.EnvironmentState.Returning;
import dev.aloft.invoker.pool.EnvironmentState.Starting;
import dev.aloft.invoker.spi.Sandbox;
import dev.aloft.invoker.spi.SandboxBackend;
import dev.aloft.invoker.spi.SandboxExit;
import dev.aloft.invoker.spi.SandboxId;
import dev.aloft.invoker.spi.SandboxSpec;
import dev.aloft.invoker.warmth.WarmEnvironments;
import jakarta.annotation.PreDestroy;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The warm pool. Invocations go to an idle environment of their {@link PoolKey} when
 * there is one, and otherwise wait while the pool starts one, within the invoker's memory
 * budget. The Runtime API drives environments through their states; timers end
 * invocations that run past their deadline and environments that idle too long.
 */
@Component
public class EnvironmentPool implements SmartLifecycle, WarmEnvironments {

	private static final Logger logger = LoggerFactory.getLogger(EnvironmentPool.class);

	private static final String JSON = "application/json";

	/** The longest an answer waits for the runtime's earlier output to be read. */
	private static final long OUTPUT_DRAIN_WAIT_MILLIS = 200;

	private final SandboxBackend backend;

	private final EnvironmentSpecs specs;

	private final PoolProperties properties;

	private final ScheduledExecutorService timers;

	private final Clock clock;

	private final MemoryBudget memory;

	private final InvocationRecorder recorder;

	private final Map<PoolKey, VersionPool> pools = new ConcurrentHashMap<>();

	private final Map<String, Environment> byToken = new ConcurrentHashMap<>();

	private final SecureRandom random = new SecureRandom();

	/** Cold starts admitted at once: each initialises quickly instead of all slowly. */
	private final Semaphore startSlots;

	/** Runtimes started ahead of demand, which cold starts take over. */
	private final PrestartedPool prestarted;

	/** Environments holding a start slot: starting, not yet ready or ended. */
	private final AtomicInteger starting = new AtomicInteger();

	private volatile boolean accepting = true;

	private volatile boolean running;

	EnvironmentPool(SandboxBackend backend, EnvironmentSpecs specs, PoolProperties properties,
			PrestartProperties prestart, ScheduledExecutorService poolTimers, Clock clock,
			ObjectProvider<InvocationRecorder> recorder) {
		this.backend = backend;
		this.recorder = InvocationRecorder.all(recorder.orderedStream().toList());
		this.specs = specs;
		this.properties = properties;
		this.timers = poolTimers;
		this.clock = clock;
		this.memory = new MemoryBudget(properties.userMemory().toMegabytes());
		this.startSlots = new Semaphore(properties.concurrentStarts());
		long reapEvery = Math.max(100, Math.min(properties.idleTimeout().toMillis() / 2, 1000));
		this.timers.scheduleWithFixedDelay(this::reapIdle, reapEvery, reapEvery, TimeUnit.MILLISECONDS);
		long checkEvery = Math.max(10, properties.provisionedCheckInterval().toMillis());
		this.timers.scheduleWithFixedDelay(this::keepProvisioned, checkEvery, checkEvery, TimeUnit.MILLISECONDS);
		this.prestarted = new PrestartedPool(
				new PrestartedPool.PoolParts(backend, specs, this.memory, this.startSlots, poolTimers), prestart,
				properties.initTimeout(), this::startWaitingPools,
				(environment, exit) -> ended(environment, exit, null), () -> this.starting.get() > 0);
	}

	/**
	 * {@code GET .../aloft/assignment}: a pre-started runtime waits for the function it
	 * is given, before it loads any code.
	 * @param token the environment's secret
	 * @return the function's environment variables, its task root
	 * ({@code LAMBDA_TASK_ROOT}) included
	 * @throws RuntimeApiException when the token is not a pre-started environment's that
	 * has not asked yet
	 * @throws InterruptedException when interrupted while waiting
	 */
	public Map<String, String> awaitAssignment(String token) throws InterruptedException {
		return this.prestarted.awaitAssignment(token);
	}

	/**
	 * The runtime families this invoker keeps environments pre-started for.
	 * @return the families, empty when none
	 */
	public List<String> prestartedFamilies() {
		return this.prestarted.families();
	}

	/**
	 * How many pre-started environments of a runtime family are ready to be taken.
	 * @param family {@code python}, {@code nodejs} or {@code java}
	 * @return how many now
	 */
	public int prestartedReady(String family) {
		return this.prestarted.ready(family);
	}

	/**
	 * Cold starts that took a pre-started environment.
	 * @return the count since start
	 */
	public long prestartedHits() {
		return this.prestarted.hits();
	}

	/**
	 * Cold starts of a pre-started family and memory size that found none ready.
	 * @return the count since start
	 */
	public long prestartedMisses() {
		return this.prestarted.misses();
	}

	/**
	 * Keeps this invoker's share of a version's provisioned concurrency: that many
	 * environments initialised ahead of any invocation, never reaped while idle, started
	 * again when they die. Fewer than before: the surplus becomes ordinary warm
	 * environments (idle ones end now).
	 * @param function the published version to keep environments of
	 * @param provisionedConcurrentExecutions the configuration's total across invokers; 0
	 * to stop keeping any
	 */
	public void provision(FunctionVersionConfig function, int provisionedConcurrentExecutions) {
		int share = (provisionedConcurrentExecutions > 0)
				? this.properties.provisionedShare(provisionedConcurrentExecutions) : 0;
		VersionPool pool;
		do {
			pool = this.pools.computeIfAbsent(PoolKey.of(function), (key) -> new VersionPool(key, function));
			pool.lock.lock();
			try {
				if (pool.provisionedTarget() != share) {
					logger.info("Keeping {} provisioned environments of {}", share, pool.key());
				}
				pool.provisionedTarget(share);
			}
			finally {
				pool.lock.unlock();
			}
			// The reaper may have dropped an empty pool just before its target was set.
		}
		while (this.pools.get(pool.key()) != pool);
		keepProvisioned(pool);
	}

	/**
	 * Provisions exactly these versions (see {@link #provision}); every other version
	 * stops being provisioned. Suits a follower of the configuration feed, which hands
	 * over the whole set after each change.
	 * @param totals each version's provisioned concurrency, summed over its qualifiers
	 */
	public void provisionExactly(Map<FunctionVersionConfig, Integer> totals) {
		Set<PoolKey> wanted = new HashSet<>();
		totals.forEach((function, total) -> {
			wanted.add(PoolKey.of(function));
			provision(function, total);
		});
		for (VersionPool pool : this.pools.values()) {
			if (!wanted.contains(pool.key()) && pool.provisionedTarget() > 0) {
				provision(pool.function(), 0);
			}
		}
	}

	/**
	 * How many provisioned environments of a version are initialised and idle, ready to
	 * serve.
	 * @param function the version
	 * @return ready provisioned environments on this invoker
	 */
	public int provisionedReady(FunctionVersionConfig function) {
		VersionPool pool = this.pools.get(PoolKey.of(function));
		if (pool == null) {
			return 0;
		}
		pool.lock.lock();
		try {
			return (int) pool.idle().stream().filter(Environment::provisioned).count();
		}
		finally {
			pool.lock.unlock();
		}
	}

	/**
	 * Idle warm environments of a version: idle ones, and returning ones (they answered
	 * and are about to ask for the next event; the one that served the call being
	 * answered is among them).
	 * @param function the version
	 * @return how many, zero or more
	 */
	@Override
	public int idle(FunctionVersionConfig function) {
		VersionPool pool = this.pools.get(PoolKey.of(function));
		if (pool == null) {
			return 0;
		}
		pool.lock.lock();
		try {
			int warm = pool.idle().size();
			for (Environment environment : pool.environments()) {
				if (environment.state() instanceof Returning) {
					warm++;
				}
			}
			return warm;
		}
		finally {
			pool.lock.unlock();
		}
	}

	/**
	 * How many live environments (any state but dead) a version has on this invoker.
	 */
	int liveEnvironments(FunctionVersionConfig function) {
		VersionPool pool = this.pools.get(PoolKey.of(function));
		if (pool == null) {
			return 0;
		}
		pool.lock.lock();
		try {
			return pool.environments().size();
		}
		finally {
			pool.lock.unlock();
		}
	}

	private void keepProvisioned() {
		if (!this.accepting) {
			return;
		}
		for (VersionPool pool : this.pools.values()) {
			try {
				keepProvisioned(pool);
			}
			catch (RuntimeException ex) {
				logger.warn("Could not keep the provisioned environments of {}: {}", pool.key(), ex.toString());
			}
		}
	}

	/**
	 * Starts the missing provisioned environments of a version and gives up the surplus.
	 */
	private void keepProvisioned(VersionPool pool) {
		List<Environment> surplusIdle = new ArrayList<>();
		int missing;
		pool.lock.lock();
		try {
			int surplus = pool.provisionedLive() - pool.provisionedTarget();
			// Idle ones first: they can end now; busy or starting ones finish what they
			// do
			// and then age out like any warm environment.
			for (Environment environment : pool.idle()) {
				if (surplus > 0 && environment.provisioned()) {
					environment.unprovision();
					surplusIdle.add(environment);
					surplus--;
				}
			}
			for (Environment environment : pool.environments()) {
				if (surplus > 0 && environment.provisioned()) {
					environment.unprovision();
					surplus--;
				}
			}
			missing = Math.max(0, pool.provisionedTarget() - pool.provisionedLive());
		}
		finally {
			pool.lock.unlock();
		}
		surplusIdle.forEach((environment) -> retireIdle(environment, "no longer provisioned"));
		for (int i = 0; i < missing && this.accepting; i++) {
			if (!startEnvironment(pool, true)) {
				return;
			}
		}
	}

	/**
	 * Runs an invocation.
	 * @param function the version to run
	 * @param request the invocation
	 * @return completes when the invocation ends, however it ends
	 */
	public CompletableFuture<InvocationResult> submit(FunctionVersionConfig function, InvocationRequest request) {
		Invocation invocation = new Invocation(request, function, System.nanoTime(), this.recorder);
		if (!this.accepting) {
			rejectNotStarted(invocation, "The invoker is shutting down");
			return invocation.result();
		}
		VersionPool pool = this.pools.computeIfAbsent(PoolKey.of(function), (key) -> new VersionPool(key, function));
		boolean start;
		pool.lock.lock();
		try {
			Environment idle = pool.pollIdle();
			if (idle != null) {
				handOver(idle, invocation);
				return invocation.result();
			}
			if (pool.queue().size() >= this.properties.maxQueuedPerVersion()) {
				rejectNotStarted(invocation, "Too many invocations are waiting for this function version");
				return invocation.result();
			}
			pool.queue().addLast(invocation);
			start = pool.needsEnvironment();
		}
		finally {
			pool.lock.unlock();
		}
		this.timers.schedule(() -> expireQueued(pool, invocation), this.properties.maxQueueWait().toMillis(),
				TimeUnit.MILLISECONDS);
		if (start) {
			startEnvironment(pool);
		}
		return invocation.result();
	}

	/**
	 * {@code GET /next}: blocks until the environment receives an invocation.
	 * @param token the environment's secret
	 * @return the invocation
	 * @throws RuntimeApiException when the call is not allowed now
	 * @throws InterruptedException when interrupted while waiting
	 */
	public NextInvocation awaitNext(String token) throws InterruptedException {
		Environment environment = environment(token);
		VersionPool pool = environment.pool();
		if (environment.state() instanceof Starting) {
			// What the runtime printed while initialising belongs before the first START
			// line.
			awaitOutput(environment);
		}
		CompletableFuture<Invocation> slot;
		pool.lock.lock();
		try {
			switch (environment.state()) {
				case Starting starting -> {
					environment.initialised(System.nanoTime());
					environment.timer(null);
					finishStart(environment);
				}
				case Returning returning -> {
				}
				default -> throw RuntimeApiException.invalidStateTransition(stateName(environment), "Ready");
			}
			Invocation queued = pool.pollQueue();
			if (queued != null) {
				handOver(environment, queued);
				return queued.next();
			}
			slot = new CompletableFuture<>();
			environment.transition(new Idle(slot, System.nanoTime()));
			pool.idle().addFirst(environment);
		}
		finally {
			pool.lock.unlock();
		}
		try {
			return slot.get().next();
		}
		catch (ExecutionException ex) {
			throw RuntimeApiException.environmentGone();
		}
	}

	/**
	 * {@code POST /response}: the invocation succeeded.
	 * @param token the environment's secret
	 * @param requestId the invocation's request id
	 * @param body the result
	 * @param contentType the result's content type
	 */
	public void respond(String token, String requestId, byte[] body, @Nullable String contentType) {
		Invocation invocation = release(token, requestId);
		closeLog(token, invocation);
		invocation.finish(InvocationOutcome.SUCCESS, body, (contentType != null) ? contentType : JSON, null,
				System.nanoTime(), maxMemoryUsedMb(token));
	}

	/**
	 * {@code POST /response} in streaming mode: the stream the response goes to as the
	 * runtime writes it, when the caller takes it as one. The invocation stays the
	 * environment's (its timeout still runs) until {@link #respond} or {@link #fail} ends
	 * it.
	 * @param token the environment's secret
	 * @param requestId the invocation's request id
	 * @param contentType the stream's content type
	 * @return the stream, or null when the caller wants the response gathered
	 */
	public @Nullable ResponseStream openStream(String token, String requestId, String contentType) {
		Environment environment = environment(token);
		VersionPool pool = environment.pool();
		pool.lock.lock();
		try {
			if (environment.state() instanceof Busy busy && busy.invocation().requestId().equals(requestId)) {
				ResponseStream stream = busy.invocation().responseStream();
				if (stream != null) {
					stream.open(contentType);
				}
				return stream;
			}
			if (environment.state() instanceof Busy || environment.state() instanceof Returning) {
				throw RuntimeApiException.invalidRequestId();
			}
			throw RuntimeApiException.invalidStateTransition(stateName(environment), "Response");
		}
		finally {
			pool.lock.unlock();
		}
	}

	/**
	 * {@code POST /response} with a body over the limit: the invocation fails with
	 * Lambda's {@code Function.ResponseSizeTooLarge}.
	 * @param token the environment's secret
	 * @param requestId the invocation's request id
	 * @param limit the limit that was exceeded
	 */
	public void respondTooLarge(String token, String requestId, int limit) {
		Invocation invocation = release(token, requestId);
		closeLog(token, invocation);
		invocation.finish(InvocationOutcome.FUNCTION_ERROR, PlatformErrors.responseTooLarge(limit), JSON,
				PlatformErrors.RESPONSE_TOO_LARGE, System.nanoTime(), maxMemoryUsedMb(token));
	}

	/**
	 * {@code POST /error}: the handler failed; its error body is the invocation's
	 * response.
	 * @param token the environment's secret
	 * @param requestId the invocation's request id
	 * @param errorBody the error JSON, forwarded verbatim
	 * @param errorType the error type, for records
	 */
	public void fail(String token, String requestId, byte[] errorBody, String errorType) {
		Invocation invocation = release(token, requestId);
		closeLog(token, invocation);
		invocation.finish(InvocationOutcome.FUNCTION_ERROR, errorBody, JSON, errorType, System.nanoTime(),
				maxMemoryUsedMb(token));
	}

	/**
	 * {@code POST /init/error}: initialisation failed. The error answers the invocation
	 * that waits for this environment, and the environment is ended.
	 * @param token the environment's secret
	 * @param errorBody the error JSON
	 */
	public void initError(String token, byte[] errorBody) {
		Environment environment = environment(token);
		VersionPool pool = environment.pool();
		pool.lock.lock();
		try {
			if (!(environment.state() instanceof Starting)) {
				throw RuntimeApiException.invalidStateTransition(stateName(environment), "InitError");
			}
			environment.initError(errorBody);
		}
		finally {
			pool.lock.unlock();
		}
		Sandbox sandbox = environment.sandbox();
		if (sandbox != null) {
			sandbox.destroy();
		}
	}

	/**
	 * Lets the output the runtime wrote before answering reach the invocation's log
	 * (bounded: a runtime that floods its output cannot hold up its answer for long),
	 * then stops attributing output to it.
	 */
	private void closeLog(String token, Invocation invocation) {
		Environment environment = this.byToken.get(token);
		if (environment != null) {
			awaitOutput(environment);
			environment.stopLoggingTo(invocation);
		}
	}

	private static void awaitOutput(Environment environment) {
		Sandbox sandbox = environment.sandbox();
		if (sandbox == null) {
			return;
		}
		try {
			sandbox.outputDrained().get(OUTPUT_DRAIN_WAIT_MILLIS, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			logger.debug("Output of environment {} not drained: {}", environment.id(), ex.toString());
		}
	}

	/**
	 * The invocation an environment holds, which it now gives back.
	 */
	private Invocation release(String token, String requestId) {
		Environment environment = environment(token);
		VersionPool pool = environment.pool();
		pool.lock.lock();
		try {
			if (environment.state() instanceof Busy busy && busy.invocation().requestId().equals(requestId)) {
				environment.timer(null);
				environment.transition(new Returning(requestId));
				return busy.invocation();
			}
			if (environment.state() instanceof Busy || environment.state() instanceof Returning) {
				throw RuntimeApiException.invalidRequestId();
			}
			throw RuntimeApiException.invalidStateTransition(stateName(environment), "Response");
		}
		finally {
			pool.lock.unlock();
		}
	}

	/**
	 * Gives an invocation to an environment. Called with the pool's lock held.
	 */
	private void handOver(Environment environment, Invocation invocation) {
		// A provisioned environment initialised before anyone asked: its first invocation
		// is warm, as in Lambda (no Init Duration).
		boolean cold = environment.firstHandOver() && !environment.prewarmed();
		invocation.start(System.nanoTime(), this.clock.millis(), cold, cold ? environment.initDurationMillis() : 0);
		if (cold) {
			environment.replayInitLog(invocation);
		}
		invocation.log("START RequestId: " + invocation.requestId() + " Version: " + invocation.function().version());
		CompletableFuture<Invocation> slot = (environment.state() instanceof Idle idle) ? idle.slot() : null;
		environment.transition(new Busy(invocation));
		environment.logTo(invocation);
		environment.timer(this.timers.schedule(() -> timeOut(environment, invocation),
				invocation.deadlineEpochMillis() - this.clock.millis(), TimeUnit.MILLISECONDS));
		if (slot != null) {
			slot.complete(invocation);
		}
	}

	private void startEnvironment(VersionPool pool) {
		startEnvironment(pool, false);
	}

	/**
	 * Starts an environment, on demand or to fill a provisioned slot.
	 * @return whether it started; when not, the pool starts it when a start slot or
	 * memory frees
	 */
	private boolean startEnvironment(VersionPool pool, boolean provisioned) {
		if (!this.startSlots.tryAcquire()) {
			// The pool still needs an environment; it starts when a slot frees.
			return false;
		}
		// A cold start takes a pre-started runtime when one fits; provisioned
		// environments initialise ahead of demand anyway and leave them to cold starts.
		PrestartedEnvironment prestarted = provisioned ? null : this.prestarted.take(pool.function());
		int memoryMb = pool.key().memoryMb();
		if (prestarted == null && !reserveMemory(pool, memoryMb)) {
			this.startSlots.release();
			if (provisioned) {
				logger.warn("No memory free for a provisioned environment of {} ({} MB free); trying again later",
						pool.key(), this.memory.freeMb());
			}
			else {
				failUnservable(pool);
			}
			return false;
		}
		SandboxId id = (prestarted != null) ? prestarted.id() : new SandboxId(UUID.randomUUID().toString());
		String token = (prestarted != null) ? prestarted.token() : HexFormat.of().formatHex(randomBytes());
		Environment environment = new Environment(id, token, pool, System.nanoTime(), provisioned);
		this.starting.incrementAndGet();
		pool.lock.lock();
		try {
			pool.added(environment);
			this.byToken.put(token, environment);
			environment.timer(this.timers.schedule(() -> initTimedOut(environment),
					this.properties.initTimeout().toMillis(), TimeUnit.MILLISECONDS));
		}
		finally {
			pool.lock.unlock();
		}
		if (prestarted != null) {
			this.prestarted.owner(prestarted, environment);
			Thread.startVirtualThread(() -> assign(environment, prestarted));
		}
		else {
			Thread.startVirtualThread(() -> launch(environment));
		}
		return true;
	}

	/**
	 * Reserves memory for a new environment, making room when needed: pre-started
	 * environments give way first, then the least recently used idle ones of other
	 * versions.
	 */
	private boolean reserveMemory(VersionPool pool, int memoryMb) {
		return this.prestarted.reserve(memoryMb, (freeMb) -> evictIdle(pool, freeMb));
	}

	/**
	 * Gives a pre-started runtime its function: the environment it would have started
	 * with, which it takes on before it loads the function's code. From then on it is an
	 * environment like any other; its initialisation (the function's own) is timed from
	 * here.
	 */
	private void assign(Environment environment, PrestartedEnvironment prestarted) {
		FunctionVersionConfig function = environment.pool().function();
		Sandbox sandbox = prestarted.sandbox();
		CompletableFuture<Map<String, String>> assignment = prestarted.assignment();
		if (sandbox == null || assignment == null) {
			// Taken only when ready: not reached.
			ended(environment, null, startFailure(function, new IllegalStateException("not ready")));
			return;
		}
		environment.pool().lock.lock();
		try {
			environment.sandbox(sandbox);
		}
		finally {
			environment.pool().lock.unlock();
		}
		try {
			assignment
				.complete(this.specs.assignment(function, prestarted.key(), environment.id(), environment.token()));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			ended(environment, null, startFailure(function, ex));
			sandbox.destroy();
		}
		catch (RuntimeException ex) {
			ended(environment, null, startFailure(function, ex));
			sandbox.destroy();
		}
	}

	/**
	 * An environment stopped starting (it asked for work, or died): its start slot goes
	 * to the next pool waiting for one. Called with the environment's pool lock held.
	 */
	private void finishStart(Environment environment) {
		environment.pool().startFinished();
		if (environment.releaseStartSlotOnce()) {
			this.starting.decrementAndGet();
			this.startSlots.release();
			this.timers.execute(this::startWaitingPools);
		}
	}

	/**
	 * Starts environments for pools whose queued work is waiting for one, as slots allow.
	 */
	private void startWaitingPools() {
		for (VersionPool pool : this.pools.values()) {
			if (this.startSlots.availablePermits() == 0) {
				return;
			}
			boolean needed;
			boolean provisioned;
			pool.lock.lock();
			try {
				needed = pool.needsEnvironment();
				provisioned = !needed && pool.needsProvisioned();
			}
			finally {
				pool.lock.unlock();
			}
			if (needed || provisioned) {
				startEnvironment(pool, provisioned);
			}
		}
		// What is left goes to refilling the pre-started environments.
		this.prestarted.refill();
	}

	private byte[] randomBytes() {
		byte[] bytes = new byte[16];
		this.random.nextBytes(bytes);
		return bytes;
	}

	private void launch(Environment environment) {
		FunctionVersionConfig function = environment.pool().function();
		SandboxSpec spec;
		try {
			spec = this.specs.spec(function, environment.id(), environment.token(), environment.prewarmed(),
					(stream, line) -> environment.log(stream.name().toLowerCase(Locale.ROOT), line));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			ended(environment, null, startFailure(function, ex));
			return;
		}
		catch (RuntimeException ex) {
			ended(environment, null, startFailure(function, ex));
			return;
		}
		this.backend.create(spec).whenComplete((sandbox, failure) -> {
			if (failure != null) {
				ended(environment, null, startFailure(function, failure));
				return;
			}
			boolean dead;
			environment.pool().lock.lock();
			try {
				environment.sandbox(sandbox);
				dead = environment.dead();
			}
			finally {
				environment.pool().lock.unlock();
			}
			if (dead) {
				sandbox.destroy();
			}
			sandbox.exited().thenAccept((exit) -> ended(environment, exit, null));
		});
	}

	private static byte[] startFailure(FunctionVersionConfig function, Throwable failure) {
		logger.warn("Could not start an environment of {}: {}", function.key(), rootMessage(failure));
		return PlatformErrors.platform(PlatformErrors.START_FAILED,
				"The environment could not start: " + rootMessage(failure));
	}

	/**
	 * An environment ended: its process exited, or it never started. Fails what it held,
	 * and starts a replacement when work is waiting.
	 * @param exit how its process ended, or null when it never started
	 * @param startFailure the error to report when it never started
	 */
	private void ended(Environment environment, @Nullable SandboxExit exit, byte @Nullable [] startFailure) {
		VersionPool pool = environment.pool();
		Invocation held = null;
		Invocation waiting = null;
		byte[] error = null;
		String errorType = PlatformErrors.EXIT_ERROR;
		InvocationOutcome outcome = InvocationOutcome.FUNCTION_FAILURE;
		boolean replace;
		pool.lock.lock();
		try {
			EnvironmentState previous = environment.state();
			if (!(previous instanceof Dead)) {
				environment.transition(new Dead((exit != null) ? "exited with " + exit.exitCode() : "start failed"));
			}
			forget(environment);
			if (previous instanceof Idle idle) {
				idle.slot().completeExceptionally(new IllegalStateException("environment ended"));
			}
			if (previous instanceof Busy busy) {
				held = busy.invocation();
				error = PlatformErrors.exit(held.requestId(), (exit != null) ? exit.exitCode() : -1);
			}
			else if (previous instanceof Starting) {
				finishStart(environment);
				waiting = pool.pollQueue();
				if (waiting != null) {
					if (startFailure != null) {
						error = startFailure;
						errorType = PlatformErrors.START_FAILED;
						outcome = InvocationOutcome.PLATFORM_ERROR;
					}
					else {
						byte[] initError = environment.initError();
						error = (initError != null) ? initError
								: PlatformErrors.exit(waiting.requestId(), (exit != null) ? exit.exitCode() : -1);
						errorType = (initError != null) ? "Runtime.InitError" : PlatformErrors.EXIT_ERROR;
						waiting.start(System.nanoTime(), this.clock.millis(), true,
								environment.ageMillis(System.nanoTime()));
						environment.replayInitLog(waiting);
					}
				}
			}
			replace = pool.needsEnvironment();
		}
		finally {
			pool.lock.unlock();
		}
		if (held != null && error != null) {
			held.finish(outcome, error, JSON, errorType, System.nanoTime(), -1);
		}
		if (waiting != null && error != null) {
			waiting.finish(outcome, error, JSON, errorType, System.nanoTime(), -1);
		}
		if (replace) {
			startEnvironment(pool);
		}
	}

	private void timeOut(Environment environment, Invocation invocation) {
		VersionPool pool = environment.pool();
		pool.lock.lock();
		try {
			if (!(environment.state() instanceof Busy busy) || busy.invocation() != invocation) {
				return;
			}
			environment.transition(new Dead("timed out"));
			forget(environment);
		}
		finally {
			pool.lock.unlock();
		}
		invocation.log("Task timed out after " + invocation.function().timeoutSeconds() + ".00 seconds");
		invocation.finish(InvocationOutcome.FUNCTION_FAILURE,
				PlatformErrors.timeout(invocation.requestId(), invocation.function().timeoutSeconds()), JSON,
				PlatformErrors.TIMEOUT, System.nanoTime(), -1);
		destroy(environment);
		replaceIfNeeded(pool);
	}

	private void initTimedOut(Environment environment) {
		VersionPool pool = environment.pool();
		Invocation waiting;
		pool.lock.lock();
		try {
			if (!(environment.state() instanceof Starting)) {
				return;
			}
			environment.transition(new Dead("init timed out"));
			forget(environment);
			finishStart(environment);
			waiting = pool.pollQueue();
			if (waiting != null) {
				waiting.start(System.nanoTime(), this.clock.millis(), true, this.properties.initTimeout().toMillis());
				environment.replayInitLog(waiting);
			}
		}
		finally {
			pool.lock.unlock();
		}
		if (waiting != null) {
			waiting.finish(InvocationOutcome.FUNCTION_FAILURE,
					PlatformErrors.initTimeout(waiting.requestId(), this.properties.initTimeout().toSeconds()), JSON,
					PlatformErrors.TIMEOUT, System.nanoTime(), -1);
		}
		destroy(environment);
		replaceIfNeeded(pool);
	}

	private void expireQueued(VersionPool pool, Invocation invocation) {
		pool.lock.lock();
		try {
			if (!pool.queue().remove(invocation)) {
				return;
			}
		}
		finally {
			pool.lock.unlock();
		}
		rejectNotStarted(invocation, "No environment became free within " + this.properties.maxQueueWait());
	}

	/**
	 * Fails everything queued for a version that has no environment and cannot get one.
	 */
	private void failUnservable(VersionPool pool) {
		List<Invocation> failed = new ArrayList<>();
		pool.lock.lock();
		try {
			if (!pool.hasLiveEnvironments()) {
				failed.addAll(pool.queue());
				pool.queue().clear();
			}
		}
		finally {
			pool.lock.unlock();
		}
		failed.forEach((invocation) -> rejectNotStarted(invocation, "The invoker has no memory free for "
				+ pool.key().memoryMb() + " MB (" + this.memory.freeMb() + " MB free)"));
	}

	private void rejectNotStarted(Invocation invocation, String reason) {
		logger.debug("Turning away invocation {}: {}", invocation.requestId(), reason);
		invocation.finish(InvocationOutcome.PLATFORM_ERROR, PlatformErrors.platform(PlatformErrors.NO_CAPACITY, reason),
				JSON, PlatformErrors.NO_CAPACITY, System.nanoTime(), -1);
	}

	/**
	 * Ends the least recently used idle environment of other versions until
	 * {@code neededMb} is free.
	 * @return whether anything was evicted
	 */
	private boolean evictIdle(VersionPool requester, long neededMb) {
		boolean evicted = false;
		while (this.memory.freeMb() < neededMb) {
			Environment victim = null;
			long oldest = Long.MAX_VALUE;
			for (VersionPool pool : this.pools.values()) {
				if (pool == requester) {
					continue;
				}
				// Provisioned environments are never evicted.
				Environment candidate = null;
				Iterator<Environment> oldestFirst = pool.idle().descendingIterator();
				while (candidate == null && oldestFirst.hasNext()) {
					Environment environment = oldestFirst.next();
					candidate = environment.provisioned() ? null : environment;
				}
				if (candidate != null && candidate.state() instanceof Idle idle && idle.sinceNanos() < oldest) {
					victim = candidate;
					oldest = idle.sinceNanos();
				}
			}
			if (victim == null || !retireIdle(victim, "evicted for " + requester.key())) {
				return evicted;
			}
			evicted = true;
		}
		return evicted;
	}

	private void reapIdle() {
		long cutoff = System.nanoTime() - this.properties.idleTimeout().toNanos();
		for (VersionPool pool : this.pools.values()) {
			List<Environment> expired = new ArrayList<>();
			pool.lock.lock();
			try {
				for (Environment environment : pool.idle()) {
					if (!environment.provisioned() && environment.state() instanceof Idle idle
							&& idle.sinceNanos() < cutoff) {
						expired.add(environment);
					}
				}
			}
			finally {
				pool.lock.unlock();
			}
			expired.forEach((environment) -> retireIdle(environment, "idle for " + this.properties.idleTimeout()));
			pool.lock.lock();
			try {
				if (!pool.hasLiveEnvironments() && pool.queue().isEmpty() && pool.provisionedTarget() == 0) {
					this.pools.remove(pool.key(), pool);
				}
			}
			finally {
				pool.lock.unlock();
			}
		}
	}

	private boolean retireIdle(Environment environment, String reason) {
		VersionPool pool = environment.pool();
		pool.lock.lock();
		try {
			if (!(environment.state() instanceof Idle idle)) {
				return false;
			}
			environment.transition(new Dead(reason));
			forget(environment);
			idle.slot().completeExceptionally(new IllegalStateException(reason));
		}
		finally {
			pool.lock.unlock();
		}
		logger.debug("Retiring environment {} of {}: {}", environment.id(), pool.key(), reason);
		destroy(environment);
		return true;
	}

	private void replaceIfNeeded(VersionPool pool) {
		boolean replace;
		pool.lock.lock();
		try {
			replace = pool.needsEnvironment();
		}
		finally {
			pool.lock.unlock();
		}
		if (replace) {
			startEnvironment(pool);
		}
	}

	/**
	 * Removes a dead environment from every index and returns its memory. Called with the
	 * pool's lock held; safe to call twice.
	 */
	private void forget(Environment environment) {
		environment.timer(null);
		environment.pool().removed(environment);
		this.byToken.remove(environment.token(), environment);
		if (environment.releaseMemoryOnce()) {
			this.memory.release(environment.pool().key().memoryMb());
		}
	}

	private static void destroy(Environment environment) {
		Sandbox sandbox = environment.sandbox();
		if (sandbox != null) {
			sandbox.destroy();
		}
	}

	private long maxMemoryUsedMb(String token) {
		Environment environment = this.byToken.get(token);
		Sandbox sandbox = (environment != null) ? environment.sandbox() : null;
		long bytes = (sandbox != null) ? sandbox.usage().maxMemoryBytes() : -1;
		return (bytes < 0) ? -1 : bytes / (1024 * 1024);
	}

	private Environment environment(String token) {
		Environment environment = this.byToken.get(token);
		if (environment == null) {
			throw RuntimeApiException.unknownEnvironment();
		}
		return environment;
	}

	private static String stateName(Environment environment) {
		return environment.state().getClass().getSimpleName();
	}

	private static String rootMessage(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null) {
			root = root.getCause();
		}
		return String.valueOf(root.getMessage());
	}

	@Override
	public void start() {
		// Started again after a stop when a paused context resumes (Spring's test
		// context cache pauses contexts it is not using).
		this.accepting = true;
		this.running = true;
		this.prestarted.start();
	}

	/**
	 * Drains the pool before the web server shuts down (this lifecycle's phase is later,
	 * so it stops first): new and queued invocations are turned away unstarted, running
	 * ones may finish, then every environment ends, which also releases the runtimes'
	 * waiting {@code /next} requests that would otherwise hold up the server's graceful
	 * shutdown.
	 */
	@Override
	public void stop() {
		this.accepting = false;
		List<Invocation> queued = new ArrayList<>();
		List<CompletableFuture<InvocationResult>> running = new ArrayList<>();
		for (VersionPool pool : this.pools.values()) {
			pool.lock.lock();
			try {
				queued.addAll(pool.queue());
				pool.queue().clear();
				for (Environment environment : pool.environments()) {
					if (environment.state() instanceof Busy busy) {
						running.add(busy.invocation().result());
					}
				}
			}
			finally {
				pool.lock.unlock();
			}
		}
		queued.forEach((invocation) -> rejectNotStarted(invocation, "The invoker is shutting down"));
		if (!running.isEmpty()) {
			logger.info("Waiting up to {} for {} running invocations", this.properties.drainTimeout(), running.size());
			try {
				CompletableFuture.allOf(running.toArray(CompletableFuture[]::new))
					.get(this.properties.drainTimeout().toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			catch (ExecutionException | TimeoutException ex) {
				logger.warn("Stopping with invocations still running: {}", ex.toString());
			}
		}
		destroyAll();
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Ends every environment; nothing may outlive the invoker.
	 */
	@PreDestroy
	void destroyAll() {
		this.prestarted.destroyAll();
		for (Environment environment : List.copyOf(this.byToken.values())) {
			VersionPool pool = environment.pool();
			pool.lock.lock();
			try {
				if (environment.state() instanceof Idle idle) {
					idle.slot().completeExceptionally(new IllegalStateException("the invoker is stopping"));
				}
			}
			finally {
				pool.lock.unlock();
			}
			destroy(environment);
		}
	}

	/**
	 * How much memory is free for new environments.
	 * @return free memory in MB
	 */
	public long freeMemoryMb() {
		return this.memory.freeMb();
	}

}
