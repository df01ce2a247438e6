package dev.aloft.router.queue;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.aloft.contracts.config.EventSourceMappingConfig;
import dev.aloft.contracts.config.EventSourceMappingConfig.SourceType;
import dev.aloft.router.catalog.FunctionCatalog;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Keeps one consumer running per enabled SQS, RabbitMQ or Kafka mapping on the
 * configuration feed: starts consumers for new or enabled mappings, replaces those whose
 * mapping changed, and stops those whose mapping was disabled or deleted. Reconciles on a
 * thread of its own each time the view changes.
 */
@Component
class MappingSupervisor implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(MappingSupervisor.class);

	private final FunctionCatalog catalog;

	private final SourceConsumers consumers;

	private final Map<String, Running> running = new ConcurrentHashMap<>();

	private final AtomicBoolean pending = new AtomicBoolean();

	private volatile boolean started;

	private @Nullable ExecutorService reconciler;

	MappingSupervisor(FunctionCatalog catalog, SourceConsumers consumers, MeterRegistry registry) {
		this.catalog = catalog;
		this.consumers = consumers;
		for (SourceType type : SourceType.values()) {
			Gauge.builder("aloft.events.source.consumers", this, (supervisor) -> supervisor.count(type))
				.description("Event-source mapping consumers running")
				.tag("source", SourceConsumers.source(type).value())
				.register(registry);
		}
		Gauge.builder("aloft.events.source.lag", this, (supervisor) -> supervisor.lag(SourceType.KAFKA))
			.description("Records not yet consumed by the mappings' consumers, where the source tells")
			.tag("source", SourceConsumers.source(SourceType.KAFKA).value())
			.register(registry);
		catalog.onUpdate(this::requestReconcile);
	}

	@Override
	public synchronized void start() {
		this.reconciler = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("mapping-supervisor").factory());
		this.started = true;
		requestReconcile();
	}

	@Override
	public void stop() {
		ExecutorService executor;
		synchronized (this) {
			this.started = false;
			executor = this.reconciler;
			this.reconciler = null;
		}
		if (executor != null) {
			executor.shutdown();
			try {
				executor.awaitTermination(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		this.running.values().forEach((current) -> stopConsumer(current.mapping(), current.consumer()));
		this.running.clear();
	}

	@Override
	public boolean isRunning() {
		return this.started;
	}

	/**
	 * The mapping ids with a consumer running, for tests and operators.
	 */
	Map<String, EventSourceMappingConfig> runningMappings() {
		Map<String, EventSourceMappingConfig> mappings = new HashMap<>();
		this.running.forEach((id, current) -> mappings.put(id, current.mapping()));
		return mappings;
	}

	private synchronized void requestReconcile() {
		ExecutorService executor = this.reconciler;
		if (executor != null && this.started && this.pending.compareAndSet(false, true)) {
			executor.execute(() -> {
				this.pending.set(false);
				reconcile();
			});
		}
	}

	private void reconcile() {
		if (this.catalog.revision() < 0 || !this.started) {
			return;
		}
		Map<String, EventSourceMappingConfig> wanted = new HashMap<>();
		for (EventSourceMappingConfig mapping : this.catalog.eventSourceMappings()) {
			if (mapping.enabled() && SourceConsumers.supports(mapping.sourceType())) {
				wanted.put(mapping.id(), mapping);
			}
		}
		for (Iterator<Map.Entry<String, Running>> it = this.running.entrySet().iterator(); it.hasNext();) {
			Map.Entry<String, Running> entry = it.next();
			if (!entry.getValue().mapping().equals(wanted.get(entry.getKey()))) {
				stopConsumer(entry.getValue().mapping(), entry.getValue().consumer());
				it.remove();
			}
		}
		wanted.forEach((id, mapping) -> {
			if (!this.running.containsKey(id) && this.started) {
				try {
					SourceConsumer consumer = this.consumers.create(mapping);
					consumer.start();
					this.running.put(id, new Running(mapping, consumer));
					logger.info("Consuming {} for mapping {} of {}/{}", mapping.sourceType(), id, mapping.namespace(),
							mapping.functionName());
				}
				catch (RuntimeException ex) {
					logger.warn("Cannot consume mapping {}: {}", id, ex.toString());
				}
			}
		});
	}

	private static void stopConsumer(EventSourceMappingConfig mapping, SourceConsumer consumer) {
		try {
			consumer.close();
			logger.info("Stopped consuming mapping {}", mapping.id());
		}
		catch (RuntimeException ex) {
			logger.warn("Stopping the consumer of mapping {} failed: {}", mapping.id(), ex.toString());
		}
	}

	private double count(SourceType type) {
		return this.running.values().stream().filter((current) -> current.mapping().sourceType() == type).count();
	}

	private double lag(SourceType type) {
		return this.running.values()
			.stream()
			.filter((current) -> current.mapping().sourceType() == type)
			.mapToLong((current) -> current.consumer().lag())
			.sum();
	}

	private record Running(EventSourceMappingConfig mapping, SourceConsumer consumer) {
	}

}
