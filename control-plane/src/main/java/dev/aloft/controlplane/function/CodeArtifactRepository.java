package dev.aloft.controlplane.function;

import org.springframework.data.jpa.repository.JpaRepository;

interface CodeArtifactRepository extends JpaRepository<CodeArtifact, String> {

}
