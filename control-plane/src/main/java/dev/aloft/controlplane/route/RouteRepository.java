package dev.aloft.controlplane.route;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

interface RouteRepository extends JpaRepository<Route, UUID> {

	boolean existsByMethodAndPathShape(String method, String pathShape);

	boolean existsByMethodAndPathShapeAndIdNot(String method, String pathShape, UUID id);

	Optional<Route> findByIdAndNamespace(UUID id, String namespace);

	List<Route> findByNamespaceOrderByPathAscMethodAsc(String namespace);

	List<Route> findByNamespaceAndFunctionName(String namespace, String functionName);

}
