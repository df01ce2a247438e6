package dev.aloft.controlplane.function;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;

interface FunctionDefinitionRepository extends JpaRepository<FunctionDefinition, UUID> {

	Optional<FunctionDefinition> findByNamespaceAndName(String namespace, String name);

	boolean existsByNamespaceAndName(String namespace, String name);

	List<FunctionDefinition> findByNamespaceAndNameGreaterThanOrderByName(String namespace, String after, Limit limit);

}
