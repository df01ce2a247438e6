package dev.aloft.controlplane.function;

import java.time.Instant;
import java.util.Objects;

import dev.aloft.controlplane.system.ProblemType;
import dev.aloft.problems.PlatformException;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores code artifacts, each content once, and reads them back wherever their bytes are
 * kept. The bytes go to the {@link CodeContentStore} before the artifact's row is
 * written, so no row ever names bytes that are not there. Each store or reuse marks the
 * artifact used, which keeps {@link CodeArtifactCollection} off it for a grace period.
 */
@Component
class CodeArtifactStore {

	private final CodeArtifactRepository artifacts;

	private final CodeContentStore contentStore;

	private final CodeContentDeletions deletions;

	private final TransactionTemplate newTransaction;

	CodeArtifactStore(CodeArtifactRepository artifacts, CodeContentStore contentStore, CodeContentDeletions deletions,
			PlatformTransactionManager transactions) {
		this.artifacts = artifacts;
		this.contentStore = contentStore;
		this.deletions = deletions;
		// The row is written in a transaction of its own: two requests uploading the same
		// zip at once race on its hash, and the loser's duplicate must not fail the
		// function it is creating. Marks of use commit at once too, for the collection
		// to see them before the caller's function row is committed.
		this.newTransaction = new TransactionTemplate(transactions);
		this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/**
	 * Stores an artifact unless it is already stored, and marks it used at {@code now}
	 * either way.
	 * @throws org.springframework.dao.DataIntegrityViolationException when another
	 * transaction stored the same content first; the content is then stored, which is all
	 * the caller needs
	 * @throws PlatformException {@code CODE_STORE_UNAVAILABLE} when the content store
	 * cannot take it; nothing is written then
	 */
	void storeIfAbsent(String sha256, byte[] zip, Instant now) {
		// Marking the stored artifact used, rather than only checking that it is there,
		// is what lets the caller rely on it: the collection deletes only artifacts
		// unused for its grace period, and the mark is committed before the caller's
		// function row. A collection that deleted the row first leaves nothing to mark,
		// and the artifact is stored again.
		Integer marked = this.newTransaction.execute((status) -> this.artifacts.markUsed(sha256, now));
		if (marked != null && marked > 0) {
			return;
		}
		// Its bytes may still be listed for deletion after a collection: take them off
		// the list (waiting for a deletion under way) before relying on what the
		// content store holds.
		this.newTransaction.executeWithoutResult((status) -> this.deletions.remove(sha256));
		String location = this.contentStore.put(sha256, zip);
		this.newTransaction.executeWithoutResult(
				(status) -> this.artifacts.saveAndFlush(new CodeArtifact(sha256, zip, location, now)));
	}

	/**
	 * The bytes of an artifact.
	 * @param sha256 its hex SHA-256
	 * @return the zip
	 * @throws PlatformException {@code CODE_NOT_FOUND} when no artifact has that hash,
	 * {@code CODE_STORE_UNAVAILABLE} when its store cannot give it back intact
	 */
	byte[] content(String sha256) {
		CodeArtifact artifact = this.artifacts.findById(sha256)
			.orElseThrow(
					() -> new PlatformException(ProblemType.CODE_NOT_FOUND, "No code artifact has SHA-256 " + sha256));
		byte[] content = artifact.content();
		if (content != null) {
			return content;
		}
		return this.contentStore.read(sha256, Objects.requireNonNull(artifact.location()));
	}

}
