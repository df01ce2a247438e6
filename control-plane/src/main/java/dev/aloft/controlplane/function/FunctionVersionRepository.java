package dev.aloft.controlplane.function;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;

interface FunctionVersionRepository extends JpaRepository<FunctionVersion, UUID> {

	Optional<FunctionVersion> findByFunctionIdAndVersion(UUID functionId, int version);

	Optional<FunctionVersion> findFirstByFunctionIdOrderByVersionDesc(UUID functionId);

	List<FunctionVersion> findByFunctionIdAndVersionGreaterThanOrderByVersion(UUID functionId, int after, Limit limit);

	List<FunctionVersion> findByFunctionId(UUID functionId);

}
