package dev.aloft.controlplane.function;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

interface ProvisionedConcurrencyRepository extends JpaRepository<ProvisionedConcurrency, ProvisionedConcurrency.Key> {

	Optional<ProvisionedConcurrency> findByFunctionIdAndQualifier(UUID functionId, String qualifier);

	List<ProvisionedConcurrency> findByFunctionIdOrderByQualifier(UUID functionId);

}
