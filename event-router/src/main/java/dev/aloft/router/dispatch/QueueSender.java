package dev.aloft.router.dispatch;

import java.time.Duration;

/**
 * Sends destination records to SQS queues. The dispatch feature owns the delivery (its
 * retries, back-off and dead letters) but not the connection to the SQS server, which the
 * queue feature configures for its pollers; the queue feature provides this bean, so that
 * both talk to the same server with the same credentials.
 */
public interface QueueSender {

	/**
	 * Sends one record as the body of one message.
	 * @param queue the queue
	 * @param body the record, UTF-8 JSON
	 * @param timeout how long the call may take
	 * @return the message's id
	 * @throws DestinationNotFoundException when the server says that the queue does not
	 * exist
	 * @throws DestinationWriteFailedException when the message could not be sent, perhaps
	 * only for now
	 */
	String send(Address queue, byte[] body, Duration timeout);

	/**
	 * An SQS queue, read from its ARN ({@code arn:aws:sqs:<region>:<account>:<name>}).
	 *
	 * @param arn the ARN
	 * @param region the queue's region, which requests are signed for
	 * @param accountId the account that owns the queue
	 * @param name the queue's name
	 */
	record Address(String arn, String region, String accountId, String name) {
	}

}
