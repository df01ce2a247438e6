package dev.aloft.controlplane.eventsource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Serialises the writers of one bucket's notifications, so that two concurrent requests
 * cannot both pass the overlap check: each locks the bucket's row (created on first use)
 * until its transaction ends.
 */
@Component
class BucketLocks {

	private final JdbcClient jdbc;

	BucketLocks(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Locks a bucket of a namespace until the caller's transaction ends.
	 * @param namespace the namespace
	 * @param bucket the bucket
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	void lock(String namespace, String bucket) {
		this.jdbc
			.sql("INSERT INTO notified_bucket (namespace, bucket) VALUES (:namespace, :bucket) ON CONFLICT DO NOTHING")
			.param("namespace", namespace)
			.param("bucket", bucket)
			.update();
		this.jdbc.sql("SELECT bucket FROM notified_bucket WHERE namespace = :namespace AND bucket = :bucket FOR UPDATE")
			.param("namespace", namespace)
			.param("bucket", bucket)
			.query(String.class)
			.single();
	}

}
