package dev.aloft.controlplane.function;

import java.time.Instant;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores code artifacts, each content once. Storing runs in its own transaction: two
 * requests uploading the same zip at once race on its hash, and the loser's duplicate
 * must not fail the function it is creating.
 */
@Component
class CodeArtifactStore {

	private final CodeArtifactRepository artifacts;

	CodeArtifactStore(CodeArtifactRepository artifacts) {
		this.artifacts = artifacts;
	}

	/**
	 * Stores an artifact unless it is already stored.
	 * @throws org.springframework.dao.DataIntegrityViolationException when another
	 * transaction stored the same content first; the content is then stored, which is all
	 * the caller needs
	 */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	void storeIfAbsent(String sha256, byte[] zip, Instant now) {
		if (!this.artifacts.existsById(sha256)) {
			this.artifacts.saveAndFlush(new CodeArtifact(sha256, zip, now));
		}
	}

}
