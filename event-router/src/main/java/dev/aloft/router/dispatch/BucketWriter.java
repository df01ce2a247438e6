package dev.aloft.router.dispatch;

import java.time.Duration;

/**
 * Writes destination records to S3 buckets, each record one object. The dispatch feature
 * owns the delivery (its retries, back-off and dead letters, and the object's key); the
 * bucket feature provides this bean with the client for the S3-compatible server
 * ({@code aloft.event-router.destinations.s3.*}).
 */
public interface BucketWriter {

	/**
	 * Puts one record as one object ({@code application/json}), replacing an object of
	 * the same key: a retried put leaves one object, not two.
	 * @param bucket the bucket's name
	 * @param key the object's key
	 * @param body the record, UTF-8 JSON
	 * @param timeout how long the call may take
	 * @throws DestinationNotFoundException when the server says that the bucket does not
	 * exist
	 * @throws DestinationWriteFailedException when the object could not be written,
	 * perhaps only for now
	 */
	void put(String bucket, String key, byte[] body, Duration timeout);

}
