package dev.aloft.controlplane.function;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.LockModeType;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface FunctionDefinitionRepository extends JpaRepository<FunctionDefinition, UUID> {

	Optional<FunctionDefinition> findByNamespaceAndName(String namespace, String name);

	/**
	 * Reads a function and locks its row until the transaction ends: publishing versions
	 * of one function goes one at a time, so numbers never collide.
	 */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select f from FunctionDefinition f where f.namespace = :namespace and f.name = :name")
	Optional<FunctionDefinition> lockByNamespaceAndName(String namespace, String name);

	boolean existsByNamespaceAndName(String namespace, String name);

	List<FunctionDefinition> findByNamespaceAndNameGreaterThanOrderByName(String namespace, String after, Limit limit);

}
