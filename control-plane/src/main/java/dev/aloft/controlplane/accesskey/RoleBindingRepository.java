package dev.aloft.controlplane.accesskey;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface RoleBindingRepository extends JpaRepository<RoleBinding, RoleBinding.Key> {

	List<RoleBinding> findByAccessKeyId(String accessKeyId);

	List<RoleBinding> findByNamespaceOrderByAccessKeyId(String namespace);

}
