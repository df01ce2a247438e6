package dev.aloft.router.queue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.aloft.router.dispatch.DestinationNotFoundException;
import dev.aloft.router.dispatch.DestinationWriteFailedException;
import dev.aloft.router.dispatch.QueueSender;
import dev.aloft.router.system.SdkFailures;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

import org.springframework.stereotype.Component;

/**
 * Sends destination records to SQS queues on the server the SQS pollers use by default
 * ({@code aloft.event-router.queue.sqs.endpoint}, AWS's endpoint for the queue's region
 * when unset), with the same credentials. A queue's URL is looked up by name with
 * {@code GetQueueUrl} once and remembered; it is forgotten when the server no longer
 * knows the queue. One client per region, since requests are signed for the queue's
 * region.
 */
@Component
class SqsQueueSender implements QueueSender, AutoCloseable {

	/** More distinct destination queues than any configuration names: a safety bound. */
	private static final int MAX_REMEMBERED_URLS = 10_000;

	/** The error code older SQS servers (and the query protocol) give a missing queue. */
	private static final String NON_EXISTENT_QUEUE = "AWS.SimpleQueueService.NonExistentQueue";

	private final QueueSourceProperties.Sqs sqs;

	private final Map<String, SqsClient> clients = new ConcurrentHashMap<>();

	private final Map<Address, String> queueUrls = new ConcurrentHashMap<>();

	SqsQueueSender(QueueSourceProperties properties) {
		this.sqs = properties.sqs();
	}

	@Override
	public String send(Address queue, byte[] body, Duration timeout) {
		SqsClient client = this.clients.computeIfAbsent(queue.region(), this::client);
		String queueUrl = queueUrl(client, queue, timeout);
		try {
			return client
				.sendMessage((request) -> request.queueUrl(queueUrl)
					.messageBody(new String(body, StandardCharsets.UTF_8))
					.overrideConfiguration((config) -> config.apiCallTimeout(timeout)))
				.messageId();
		}
		catch (SdkException ex) {
			if (missing(ex)) {
				// Deleted since its URL was looked up: look it up afresh next time.
				this.queueUrls.remove(queue);
				throw notFound(queue, ex);
			}
			throw new DestinationWriteFailedException(
					"Sending to " + queue.arn() + " failed: " + SdkFailures.describe(ex), ex);
		}
	}

	private String queueUrl(SqsClient client, Address queue, Duration timeout) {
		String known = this.queueUrls.get(queue);
		if (known != null) {
			return known;
		}
		String queueUrl;
		try {
			queueUrl = client
				.getQueueUrl((request) -> request.queueName(queue.name())
					.queueOwnerAWSAccountId(queue.accountId())
					.overrideConfiguration((config) -> config.apiCallTimeout(timeout)))
				.queueUrl();
		}
		catch (SdkException ex) {
			if (missing(ex)) {
				throw notFound(queue, ex);
			}
			throw new DestinationWriteFailedException(
					"Looking up " + queue.arn() + " failed: " + SdkFailures.describe(ex), ex);
		}
		if (this.queueUrls.size() >= MAX_REMEMBERED_URLS) {
			this.queueUrls.clear();
		}
		this.queueUrls.put(queue, queueUrl);
		return queueUrl;
	}

	private SqsClient client(String region) {
		SqsClientBuilder builder = SqsClient.builder().region(Region.of(region));
		URI endpoint = this.sqs.endpoint();
		if (endpoint != null) {
			builder.endpointOverride(endpoint);
		}
		if (this.sqs.accessKeyId() != null && this.sqs.secretAccessKey() != null) {
			builder.credentialsProvider(StaticCredentialsProvider
				.create(AwsBasicCredentials.create(this.sqs.accessKeyId(), this.sqs.secretAccessKey())));
		}
		return builder.build();
	}

	private DestinationNotFoundException notFound(Address queue, SdkException ex) {
		URI endpoint = this.sqs.endpoint();
		return new DestinationNotFoundException("Destination queue not found: " + queue.arn() + " (no queue "
				+ queue.name() + " on " + ((endpoint != null) ? endpoint : "AWS") + ")", ex);
	}

	private static boolean missing(SdkException ex) {
		return ex instanceof QueueDoesNotExistException
				|| (ex instanceof AwsServiceException service && service.awsErrorDetails() != null
						&& NON_EXISTENT_QUEUE.equals(service.awsErrorDetails().errorCode()));
	}

	@Override
	public void close() {
		this.clients.values().forEach(SqsClient::close);
		this.clients.clear();
	}

}
