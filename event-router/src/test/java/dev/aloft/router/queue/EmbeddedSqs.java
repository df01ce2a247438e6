package dev.aloft.router.queue;

import java.net.URI;
import java.util.Map;

import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * An SQS-compatible server (ElasticMQ) in the test JVM, on a random loopback port, and a
 * client for the tests to create queues and send messages with. Public for the dispatch
 * tests, whose destination records go to its queues.
 */
public final class EmbeddedSqs implements AutoCloseable {

	public static final String ACCESS_KEY = "test";

	public static final String SECRET_KEY = "test";

	private final SQSRestServer server;

	private final URI uri;

	private final SqsClient client;

	private EmbeddedSqs() {
		this.server = SQSRestServerBuilder.withDynamicPort().withInterface("127.0.0.1").start();
		int port = this.server.waitUntilStarted().localAddress().getPort();
		this.uri = URI.create("http://127.0.0.1:" + port);
		this.client = SqsClient.builder()
			.endpointOverride(this.uri)
			.region(Region.US_EAST_1)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
			.build();
	}

	public static EmbeddedSqs start() {
		return new EmbeddedSqs();
	}

	public URI uri() {
		return this.uri;
	}

	public SqsClient client() {
		return this.client;
	}

	/**
	 * Creates a queue.
	 * @return its URL
	 */
	public String createQueue(String name, int visibilityTimeoutSeconds) {
		return this.client
			.createQueue((request) -> request.queueName(name)
				.attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(visibilityTimeoutSeconds))))
			.queueUrl();
	}

	/**
	 * Messages in the queue, visible or in flight.
	 */
	public int messages(String queueUrl) {
		Map<QueueAttributeName, String> attributes = this.client
			.getQueueAttributes((request) -> request.queueUrl(queueUrl)
				.attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
						QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
			.attributes();
		return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
				+ Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
	}

	@Override
	public void close() {
		this.client.close();
		this.server.stopAndWait();
	}

}
