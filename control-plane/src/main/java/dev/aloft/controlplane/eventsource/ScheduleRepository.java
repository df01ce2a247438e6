package dev.aloft.controlplane.eventsource;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface ScheduleRepository extends JpaRepository<Schedule, UUID> {

	Optional<Schedule> findByIdAndNamespace(UUID id, String namespace);

	Optional<Schedule> findByNamespaceAndName(String namespace, String name);

	List<Schedule> findByNamespaceAndFunctionName(String namespace, String functionName);

	/**
	 * A page of a namespace's schedules in creation order, after a cursor.
	 */
	@Query("""
			select s from Schedule s
			where s.namespace = :namespace
			  and (s.createdAt > :afterCreatedAt or (s.createdAt = :afterCreatedAt and s.id > :afterId))
			order by s.createdAt, s.id""")
	List<Schedule> page(String namespace, Instant afterCreatedAt, UUID afterId, Limit limit);

}
