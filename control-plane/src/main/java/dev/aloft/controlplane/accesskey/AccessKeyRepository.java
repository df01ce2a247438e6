package dev.aloft.controlplane.accesskey;

import org.springframework.data.jpa.repository.JpaRepository;

interface AccessKeyRepository extends JpaRepository<AccessKey, String> {

}
