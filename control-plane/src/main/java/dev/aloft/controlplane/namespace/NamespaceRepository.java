package dev.aloft.controlplane.namespace;

import org.springframework.data.jpa.repository.JpaRepository;

interface NamespaceRepository extends JpaRepository<Namespace, String> {

	boolean existsByAccountId(String accountId);

}
