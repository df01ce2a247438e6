package dev.aloft.controlplane.functionurl;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;

import dev.aloft.contracts.config.FunctionUrlConfig;
import dev.aloft.controlplane.functionurl.FunctionUrlRequest.AuthType;
import dev.aloft.controlplane.functionurl.FunctionUrlRequest.InvokeMode;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.jspecify.annotations.Nullable;

/**
 * A function URL: the gateway serves a function ({@code $LATEST} or an alias) at an
 * address of its own, {@code urls/<url id>/}. The id is random and stays the same as long
 * as the URL exists.
 */
@Entity
@Table(name = "function_url")
class FunctionUrl {

	private static final String URL_ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

	private static final int URL_ID_LENGTH = 32;

	private static final SecureRandom RANDOM = new SecureRandom();

	@Id
	private UUID id;

	private String namespace;

	private UUID functionId;

	private String functionName;

	private String qualifier;

	private String urlId;

	@Enumerated(EnumType.STRING)
	private AuthType authType;

	@Convert(converter = CorsConverter.class)
	private FunctionUrlConfig.@Nullable Cors cors;

	@Enumerated(EnumType.STRING)
	private InvokeMode invokeMode;

	@Version
	private long entityVersion;

	private Instant createdAt;

	private Instant updatedAt;

	protected FunctionUrl() {
		this.id = new UUID(0, 0);
		this.namespace = "";
		this.functionId = this.id;
		this.functionName = "";
		this.qualifier = "";
		this.urlId = "";
		this.authType = AuthType.AWS_IAM;
		this.invokeMode = InvokeMode.BUFFERED;
		this.createdAt = Instant.EPOCH;
		this.updatedAt = Instant.EPOCH;
	}

	FunctionUrl(String namespace, UUID functionId, String functionName, String qualifier, FunctionUrlSettings settings,
			Instant now) {
		this();
		this.id = UUID.randomUUID();
		this.namespace = namespace;
		this.functionId = functionId;
		this.functionName = functionName;
		this.qualifier = qualifier;
		this.urlId = newUrlId();
		this.createdAt = now;
		replace(settings, now);
	}

	/**
	 * A new URL id: 32 random lowercase letters and digits (165 bits), as Lambda's.
	 */
	private static String newUrlId() {
		StringBuilder urlId = new StringBuilder(URL_ID_LENGTH);
		for (int i = 0; i < URL_ID_LENGTH; i++) {
			urlId.append(URL_ID_ALPHABET.charAt(RANDOM.nextInt(URL_ID_ALPHABET.length())));
		}
		return urlId.toString();
	}

	/**
	 * Replaces the settings; the URL id stays.
	 */
	void replace(FunctionUrlSettings settings, Instant now) {
		this.authType = settings.authType();
		this.cors = settings.cors();
		this.invokeMode = settings.invokeMode();
		this.updatedAt = now;
	}

	/**
	 * What the gateway needs, for the feed.
	 */
	FunctionUrlConfig config() {
		return new FunctionUrlConfig(this.namespace, this.functionName, this.qualifier, this.urlId,
				this.authType.name(), this.cors, this.invokeMode.name());
	}

	String namespace() {
		return this.namespace;
	}

	String functionName() {
		return this.functionName;
	}

	String qualifier() {
		return this.qualifier;
	}

	String urlId() {
		return this.urlId;
	}

	AuthType authType() {
		return this.authType;
	}

	FunctionUrlConfig.@Nullable Cors cors() {
		return this.cors;
	}

	InvokeMode invokeMode() {
		return this.invokeMode;
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
