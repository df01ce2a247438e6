package dev.aloft.contracts.code;

/**
 * Invokers download code artifacts by hash: {@code GET} {@link #CODE_PATH} answers the
 * zip ({@code application/zip}). Artifacts never change, so the hash is also the ETag.
 */
public final class CodeApi {

	/** Path of a code artifact, by hex SHA-256. */
	public static final String CODE_PATH = "/internal/v1/code/{sha256}";

	private CodeApi() {
	}

}
