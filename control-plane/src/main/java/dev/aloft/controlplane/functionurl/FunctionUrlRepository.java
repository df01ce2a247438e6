package dev.aloft.controlplane.functionurl;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

interface FunctionUrlRepository extends JpaRepository<FunctionUrl, UUID> {

	Optional<FunctionUrl> findByFunctionIdAndQualifier(UUID functionId, String qualifier);

	List<FunctionUrl> findByFunctionId(UUID functionId);

	List<FunctionUrl> findByNamespaceAndFunctionName(String namespace, String functionName);

}
