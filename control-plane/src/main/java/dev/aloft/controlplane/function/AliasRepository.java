package dev.aloft.controlplane.function;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

interface AliasRepository extends JpaRepository<Alias, UUID> {

	Optional<Alias> findByFunctionIdAndName(UUID functionId, String name);

	List<Alias> findByFunctionIdOrderByName(UUID functionId);

}
