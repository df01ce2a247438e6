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
import jakarta.persistence.Version;
import org.jspecify.annotations.Nullable;

/**
 * A function and its unpublished configuration, {@code $LATEST}.
 */
@Entity
@Table(name = "function_definition")
class FunctionDefinition {

	@Id
	private UUID id;

	private String namespace;

	private String name;

	private String runtime;

	private String handler;

	private int memoryMb;

	private int timeoutSeconds;

	private int ephemeralStorageMb;

	private String description;

	@Convert(converter = EnvironmentConverter.class)
	private Map<String, String> environment;

	/**
	 * Name to value sealed for {@code env:<namespace>/<function>/<name>}; never plain.
	 */
	@Convert(converter = EnvironmentConverter.class)
	private Map<String, String> secretEnvironment;

	/** The stored zip; null for an image, which has no stored code. */
	private @Nullable String codeSha256;

	private long codeSizeBytes;

	/** {@code Zip} or {@code Image}; set at creation and never changed, as in Lambda. */
	private String packageType;

	private @Nullable String imageUri;

	@Convert(converter = ImageConfigConverter.class)
	private @Nullable ImageConfig imageConfig;

	/** Changes with every change of configuration or code, as Lambda's RevisionId. */
	private UUID revisionId;

	/** The number of the newest published version; numbers are never reused. */
	private int lastPublishedVersion;

	private @Nullable Integer reservedConcurrency;

	@Version
	private long entityVersion;

	private Instant createdAt;

	private Instant updatedAt;

	protected FunctionDefinition() {
		this.id = new UUID(0, 0);
		this.namespace = "";
		this.name = "";
		this.runtime = "";
		this.handler = "";
		this.description = "";
		this.environment = Map.of();
		this.secretEnvironment = Map.of();
		this.packageType = FunctionVersionConfig.ZIP;
		this.revisionId = this.id;
		this.createdAt = Instant.EPOCH;
		this.updatedAt = Instant.EPOCH;
	}

	FunctionDefinition(String namespace, String name, FunctionSettings settings, CodePackage code, Instant now) {
		this.id = UUID.randomUUID();
		this.namespace = namespace;
		this.name = name;
		this.runtime = settings.runtimeId();
		this.handler = settings.handler();
		this.imageConfig = settings.imageConfig();
		this.memoryMb = settings.memoryMb();
		this.timeoutSeconds = settings.timeoutSeconds();
		this.ephemeralStorageMb = settings.ephemeralStorageMb();
		this.description = settings.description();
		this.environment = settings.environment();
		this.secretEnvironment = Map.of();
		this.packageType = code.packageType();
		this.codeSha256 = code.zipSha256();
		this.codeSizeBytes = code.sizeBytes();
		this.imageUri = code.imageUri();
		this.revisionId = UUID.randomUUID();
		this.createdAt = now;
		this.updatedAt = now;
	}

	/**
	 * Replaces the secret environment variables of {@code $LATEST}; part of a
	 * configuration change, so its revision id changes with it.
	 * @param sealed name to sealed value
	 * @param now the current time
	 */
	void useSecretEnvironment(Map<String, String> sealed, Instant now) {
		this.secretEnvironment = sealed;
		changed(now);
	}

	/**
	 * Replaces the configuration of {@code $LATEST}.
	 */
	void configure(FunctionSettings settings, Instant now) {
		this.runtime = settings.runtimeId();
		this.handler = settings.handler();
		this.imageConfig = settings.imageConfig();
		this.memoryMb = settings.memoryMb();
		this.timeoutSeconds = settings.timeoutSeconds();
		this.ephemeralStorageMb = settings.ephemeralStorageMb();
		this.description = settings.description();
		this.environment = settings.environment();
		changed(now);
	}

	/**
	 * Replaces the code of {@code $LATEST} with code of the same package type.
	 */
	void replaceCode(CodePackage code, Instant now) {
		if (!code.packageType().equals(this.packageType)) {
			throw new IllegalArgumentException("A " + this.packageType + " function cannot take " + code.packageType());
		}
		this.codeSha256 = code.zipSha256();
		this.codeSizeBytes = code.sizeBytes();
		this.imageUri = code.imageUri();
		changed(now);
	}

	/**
	 * Takes the next version number.
	 */
	int nextVersionNumber() {
		this.lastPublishedVersion++;
		return this.lastPublishedVersion;
	}

	void reserveConcurrency(@Nullable Integer reservedConcurrency, Instant now) {
		this.reservedConcurrency = reservedConcurrency;
		this.updatedAt = now;
	}

	private void changed(Instant now) {
		this.revisionId = UUID.randomUUID();
		this.updatedAt = now;
	}

	/**
	 * Whether a published version holds exactly this code and configuration (publishing
	 * again would change nothing).
	 */
	boolean sameContentAs(FunctionVersion version) {
		return codeSha256().equals(version.codeSha256()) && this.packageType.equals(version.packageType())
				&& Objects.equals(this.imageUri, version.imageUri())
				&& Objects.equals(this.imageConfig, version.imageConfig()) && this.runtime.equals(version.runtime())
				&& this.handler.equals(version.handler()) && this.memoryMb == version.memoryMb()
				&& this.timeoutSeconds == version.timeoutSeconds()
				&& this.ephemeralStorageMb == version.ephemeralStorageMb()
				&& this.environment.equals(version.environment())
				&& this.secretEnvironment.equals(version.secretEnvironment());
	}

	/**
	 * What followers of the feed need to run {@code $LATEST}.
	 */
	FunctionVersionConfig latestConfig() {
		return new FunctionVersionConfig(this.namespace, this.name, FunctionVersionConfig.LATEST,
				this.revisionId.toString(), this.runtime, this.handler, this.memoryMb, this.timeoutSeconds,
				this.ephemeralStorageMb, Map.copyOf(this.environment), Map.copyOf(this.secretEnvironment), codeSha256(),
				this.codeSizeBytes, this.packageType, this.imageUri,
				(this.imageConfig != null) ? this.imageConfig.toConfig() : null);
	}

	String namespace() {
		return this.namespace;
	}

	String name() {
		return this.name;
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
	 * The hex SHA-256 of the zip, or what stands for it for an image (see
	 * {@link ImageReference#contentSha256()}).
	 */
	String codeSha256() {
		return (this.codeSha256 != null) ? this.codeSha256
				: ImageReference.parse(Objects.requireNonNull(this.imageUri)).contentSha256();
	}

	/**
	 * The stored zip's hex SHA-256; null for an image.
	 */
	@Nullable String zipSha256() {
		return this.codeSha256;
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

	UUID id() {
		return this.id;
	}

	int lastPublishedVersion() {
		return this.lastPublishedVersion;
	}

	@Nullable Integer reservedConcurrency() {
		return this.reservedConcurrency;
	}

	long entityVersion() {
		return this.entityVersion;
	}

	Instant createdAt() {
		return this.createdAt;
	}

	Instant updatedAt() {
		return this.updatedAt;
	}

}
