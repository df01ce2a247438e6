package dev.aloft.controlplane.eventsource;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface EventSourceMappingRepository extends JpaRepository<EventSourceMapping, UUID> {

	Optional<EventSourceMapping> findByIdAndNamespace(UUID id, String namespace);

	Optional<EventSourceMapping> findByFunctionIdAndSourceKey(UUID functionId, String sourceKey);

	List<EventSourceMapping> findByNamespaceAndFunctionName(String namespace, String functionName);

	/**
	 * A page of a namespace's mappings in creation order, after a cursor, optionally only
	 * those of one function or one source ARN.
	 */
	@Query("""
			select m from EventSourceMapping m
			where m.namespace = :namespace
			  and (:function is null or m.functionName = :function)
			  and (:eventSourceArn is null or m.eventSourceArn = :eventSourceArn)
			  and (m.createdAt > :afterCreatedAt or (m.createdAt = :afterCreatedAt and m.id > :afterId))
			order by m.createdAt, m.id""")
	List<EventSourceMapping> page(String namespace, @Nullable String function, @Nullable String eventSourceArn,
			Instant afterCreatedAt, UUID afterId, Limit limit);

}
