package dev.aloft.router.queue;

import dev.aloft.contracts.config.EventSourceMappingConfig;
import dev.aloft.contracts.config.EventSourceMappingConfig.SourceType;
import dev.aloft.router.dispatch.EventSource;

import org.springframework.stereotype.Component;

/**
 * Creates the consumer for a mapping, by its source type.
 */
@Component
class SourceConsumers {

	private final BatchInvoker invoker;

	private final QueueSourceProperties properties;

	SourceConsumers(BatchInvoker invoker, QueueSourceProperties properties) {
		this.invoker = invoker;
		this.properties = properties;
	}

	/**
	 * Whether this router consumes a kind of source.
	 */
	static boolean supports(SourceType type) {
		return type == SourceType.SQS || type == SourceType.RABBITMQ || type == SourceType.KAFKA;
	}

	static EventSource source(SourceType type) {
		return switch (type) {
			case SQS -> EventSource.SQS;
			case RABBITMQ -> EventSource.AMQP;
			case KAFKA -> EventSource.KAFKA;
		};
	}

	SourceConsumer create(EventSourceMappingConfig mapping) {
		return switch (mapping.sourceType()) {
			case SQS -> new SqsPoller(mapping, this.invoker, this.properties);
			case RABBITMQ -> new AmqpConsumer(mapping, this.invoker, this.properties);
			case KAFKA -> new KafkaPoller(mapping, this.invoker, this.properties);
		};
	}

}
