package dev.aloft.controlplane.function;

import java.time.Instant;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface CodeArtifactRepository extends JpaRepository<CodeArtifact, String> {

	/**
	 * Notes that an upload reused an artifact.
	 * @param sha256 its hex SHA-256
	 * @param now the upload's time
	 * @return 1, or 0 when there is no such artifact (any more)
	 */
	@Modifying
	@Query("UPDATE CodeArtifact a SET a.lastUsedAt = :now WHERE a.sha256 = :sha256")
	int markUsed(String sha256, Instant now);

}
