package dev.aloft.controlplane.function;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

import dev.aloft.controlplane.system.ProblemType;
import dev.aloft.problems.PlatformException;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

/**
 * Takes in uploaded code: decodes it, checks the archive and the handler, and stores it
 * once by its SHA-256.
 */
@Component
class CodeIntake {

	private static final Pattern WHITESPACE = Pattern.compile("\\s+");

	private final CodeArtifactStore artifactStore;

	private final CodeProperties limits;

	private final Clock clock = Clock.systemUTC();

	CodeIntake(CodeArtifactStore artifactStore, CodeProperties limits) {
		this.artifactStore = artifactStore;
		this.limits = limits;
	}

	/**
	 * Checks and stores a zip for a function's runtime and handler.
	 * @return the stored code
	 */
	StoredCode accept(byte[] zip, FunctionRuntime runtime, String handler) {
		CodeArchive.inspect(zip, this.limits).requireHandler(runtime, handler);
		String sha256 = sha256(zip);
		try {
			this.artifactStore.storeIfAbsent(sha256, zip, this.clock.instant().truncatedTo(ChronoUnit.MICROS));
		}
		catch (DataIntegrityViolationException ex) {
			// Another request stored the same content at the same moment: it is stored.
		}
		return new StoredCode(sha256, zip.length);
	}

	CodeProperties limits() {
		return this.limits;
	}

	/**
	 * Decodes a base64 zip from a JSON request.
	 */
	static byte[] decodeBase64(@Nullable String zipFile) {
		if (zipFile == null || zipFile.isEmpty()) {
			throw new PlatformException(ProblemType.VALIDATION_FAILED,
					"The function needs code: code.zipFile (base64), or a multipart 'code' part");
		}
		try {
			// Strict: whitespace (line breaks from base64 tools) is the only thing
			// tolerated.
			return Base64.getDecoder().decode(WHITESPACE.matcher(zipFile).replaceAll(""));
		}
		catch (IllegalArgumentException ex) {
			throw new PlatformException(ProblemType.INVALID_CODE, "code.zipFile is not valid base64");
		}
	}

	static String sha256(byte[] content) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform has SHA-256", ex);
		}
	}

	/**
	 * Code that was checked and stored.
	 *
	 * @param sha256 its hex SHA-256
	 * @param sizeBytes its size
	 */
	record StoredCode(String sha256, long sizeBytes) {
	}

}
