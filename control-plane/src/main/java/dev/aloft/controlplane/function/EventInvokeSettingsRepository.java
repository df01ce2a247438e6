package dev.aloft.controlplane.function;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

interface EventInvokeSettingsRepository extends JpaRepository<EventInvokeSettings, EventInvokeSettings.Key> {

	Optional<EventInvokeSettings> findByFunctionIdAndQualifier(UUID functionId, String qualifier);

	List<EventInvokeSettings> findByFunctionId(UUID functionId);

}
