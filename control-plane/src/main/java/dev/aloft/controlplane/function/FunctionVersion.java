package dev.aloft.controlplane.function;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import dev.aloft.contracts.config.FunctionVersionConfig;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/**
 * A published version: an immutable snapshot of a function's code and configuration.
 */
@Entity
@Table(name = "function_version")
class FunctionVersion {

	@Id
	private UUID id;

	private UUID functionId;

	private int version;

	private String runtime;

	private String handler;

	private int memoryMb;

	private int timeoutSeconds;

	private int ephemeralStorageMb;

	private String description;

	@Convert(converter = EnvironmentConverter.class)
	private Map<String, String> environment;

	/** The sealed secret variables of {@code $LATEST} when it was published. */
	@Convert(converter = EnvironmentConverter.class)
	private Map<String, String> secretEnvironment;

	/** The stored zip; null for an image. */
	private @Nullable String codeSha256;

	private long codeSizeBytes;

	private String packageType;

	private @Nullable String imageUri;

	@Convert(converter = ImageConfigConverter.class)
	private @Nullable ImageConfig imageConfig;

	private UUID revisionId;

	private Instant createdAt;

	protected FunctionVersion() {
		this.id = new UUID(0, 0);
		this.functionId = this.id;
		this.runtime = "";
		this.handler = "";
		this.description = "";
		this.environment = Map.of();
		this.secretEnvironment = Map.of();
		this.packageType = FunctionVersionConfig.ZIP;
		this.revisionId = this.id;
		this.createdAt = Instant.EPOCH;
	}

	/**
	 * Snapshots a function's {@code $LATEST} as version {@code number}.
	 */
	FunctionVersion(FunctionDefinition function, int number, String description, Instant now) {
		this.id = UUID.randomUUID();
		this.functionId = function.id();
		this.version = number;
		this.runtime = function.runtime();
		this.handler = function.handler();
		this.memoryMb = function.memoryMb();
		this.timeoutSeconds = function.timeoutSeconds();
		this.ephemeralStorageMb = function.ephemeralStorageMb();
		this.description = description;
		this.environment = Map.copyOf(function.environment());
		// Sealed for env:<namespace>/<function>/<name>, which a version shares with
		// $LATEST.
		this.secretEnvironment = Map.copyOf(function.secretEnvironment());
		this.codeSha256 = function.zipSha256();
		this.codeSizeBytes = function.codeSizeBytes();
		this.packageType = function.packageType();
		this.imageUri = function.imageUri();
		this.imageConfig = function.imageConfig();
		this.revisionId = UUID.randomUUID();
		this.createdAt = now;
	}

	FunctionVersionConfig config(String namespace, String functionName) {
		return new FunctionVersionConfig(namespace, functionName, Integer.toString(this.version),
				this.revisionId.toString(), this.runtime, this.handler, this.memoryMb, this.timeoutSeconds,
				this.ephemeralStorageMb, Map.copyOf(this.environment), Map.copyOf(this.secretEnvironment), codeSha256(),
				this.codeSizeBytes, this.packageType, this.imageUri,
				(this.imageConfig != null) ? this.imageConfig.toConfig() : null);
	}

	int version() {
		return this.version;
	}

	String runtime() {
		return this.runtime;
	}

	String handler() {
		return this.handler;
	}

	int memoryMb() {
		return this.memoryMb;
	}

	int timeoutSeconds() {
		return this.timeoutSeconds;
	}

	int ephemeralStorageMb() {
		return this.ephemeralStorageMb;
	}

	String description() {
		return this.description;
	}

	Map<String, String> environment() {
		return this.environment;
	}

	/**
	 * The secret environment variables, sealed.
	 */
	Map<String, String> secretEnvironment() {
		return this.secretEnvironment;
	}

	/**
	 * The hex SHA-256 of the zip, or what stands for it for an image.
	 */
	String codeSha256() {
		return (this.codeSha256 != null) ? this.codeSha256
				: ImageReference.parse(Objects.requireNonNull(this.imageUri)).contentSha256();
	}

	String packageType() {
		return this.packageType;
	}

	@Nullable String imageUri() {
		return this.imageUri;
	}

	@Nullable ImageConfig imageConfig() {
		return this.imageConfig;
	}

	long codeSizeBytes() {
		return this.codeSizeBytes;
	}

	UUID revisionId() {
		return this.revisionId;
	}

	Instant createdAt() {
		return this.createdAt;
	}

}
