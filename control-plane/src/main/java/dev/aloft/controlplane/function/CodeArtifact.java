package dev.aloft.controlplane.function;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A code archive, stored once per content (addressed by its SHA-256) however many
 * functions and versions use it.
 */
@Entity
@Table(name = "code_artifact")
class CodeArtifact {

	@Id
	private String sha256;

	private long sizeBytes;

	private byte[] content;

	private Instant createdAt;

	protected CodeArtifact() {
		this.sha256 = "";
		this.content = new byte[0];
		this.createdAt = Instant.EPOCH;
	}

	CodeArtifact(String sha256, byte[] content, Instant createdAt) {
		this.sha256 = sha256;
		this.sizeBytes = content.length;
		this.content = content;
		this.createdAt = createdAt;
	}

	String sha256() {
		return this.sha256;
	}

	long sizeBytes() {
		return this.sizeBytes;
	}

	byte[] content() {
		return this.content;
	}

}
