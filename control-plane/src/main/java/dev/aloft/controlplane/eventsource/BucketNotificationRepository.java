package dev.aloft.controlplane.eventsource;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface BucketNotificationRepository extends JpaRepository<BucketNotification, UUID> {

	Optional<BucketNotification> findByIdAndNamespace(UUID id, String namespace);

	List<BucketNotification> findByNamespaceAndBucket(String namespace, String bucket);

	List<BucketNotification> findByNamespaceAndFunctionName(String namespace, String functionName);

	/**
	 * A page of a namespace's notifications in creation order, after a cursor.
	 */
	@Query("""
			select n from BucketNotification n
			where n.namespace = :namespace
			  and (n.createdAt > :afterCreatedAt or (n.createdAt = :afterCreatedAt and n.id > :afterId))
			order by n.createdAt, n.id""")
	List<BucketNotification> page(String namespace, Instant afterCreatedAt, UUID afterId, Limit limit);

}
