package dev.aloft.controlplane.namespace;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

interface NamespaceRepository extends JpaRepository<Namespace, String> {

	boolean existsByAccountId(String accountId);

	Optional<Namespace> findByAccountId(String accountId);

}
