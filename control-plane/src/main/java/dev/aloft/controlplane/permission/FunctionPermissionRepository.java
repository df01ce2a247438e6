package dev.aloft.controlplane.permission;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

interface FunctionPermissionRepository extends JpaRepository<FunctionPermission, UUID> {

	Optional<FunctionPermission> findByFunctionIdAndStatementId(UUID functionId, String statementId);

	List<FunctionPermission> findByFunctionIdOrderByStatementId(UUID functionId);

	List<FunctionPermission> findByNamespaceAndFunctionName(String namespace, String functionName);

	List<FunctionPermission> findByAccessKeyId(String accessKeyId);

}
