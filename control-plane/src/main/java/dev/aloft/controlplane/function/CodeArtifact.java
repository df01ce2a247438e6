package dev.aloft.controlplane.function;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/**
 * A code archive, stored once per content (addressed by its SHA-256) however many
 * functions and versions use it. Its bytes are in the row, or in the object store its
 * {@code location} names (see {@link CodeContentStore}).
 */
@Entity
@Table(name = "code_artifact")
class CodeArtifact {

	@Id
	private String sha256;

	private long sizeBytes;

	private byte @Nullable [] content;

	private @Nullable String location;

	private Instant createdAt;

	/**
	 * When an upload last stored or reused it; what the collection's grace period counts
	 * from (see {@link CodeArtifactCollection}).
	 */
	private Instant lastUsedAt;

	protected CodeArtifact() {
		this.sha256 = "";
		this.createdAt = Instant.EPOCH;
		this.lastUsedAt = Instant.EPOCH;
	}

	/**
	 * An artifact whose bytes are kept in its row when {@code location} is null, or else
	 * at that location.
	 */
	CodeArtifact(String sha256, byte[] zip, @Nullable String location, Instant createdAt) {
		this.sha256 = sha256;
		this.sizeBytes = zip.length;
		this.content = (location != null) ? null : zip;
		this.location = location;
		this.createdAt = createdAt;
		this.lastUsedAt = createdAt;
	}

	String sha256() {
		return this.sha256;
	}

	long sizeBytes() {
		return this.sizeBytes;
	}

	/**
	 * The bytes, when the row holds them.
	 */
	byte @Nullable [] content() {
		return this.content;
	}

	/**
	 * Where the bytes are, when the row does not hold them.
	 */
	@Nullable String location() {
		return this.location;
	}

}
