package dev.aloft.controlplane.function;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.aloft.controlplane.system.CredentialFreePaths;
import dev.aloft.controlplane.system.ProblemType;
import dev.aloft.problems.PlatformException;
import dev.aloft.secrets.MasterKey;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Makes and checks code download links: a zip's address with an expiry and an HMAC-SHA256
 * signature over both, keyed by a key derived from the master key, so that whoever holds
 * a link (and only until it expires) can download that zip without other credentials, as
 * with Lambda's presigned S3 URLs.
 */
@Component
public class CodeDownloadLinks {

	private static final String EXPIRES = "Expires";

	private static final String SIGNATURE = "Signature";

	private final byte[] key;

	private final CodeDownloadProperties properties;

	private final Clock clock;

	CodeDownloadLinks(MasterKey masterKey, CodeDownloadProperties properties, ObjectProvider<Clock> clock) {
		// A key of its own, so a link's signature reveals nothing usable elsewhere.
		this.key = hmac(Base64.getDecoder().decode(masterKey.toBase64()), "aloft code download link v1");
		this.properties = properties;
		this.clock = clock.getIfAvailable(Clock::systemUTC);
	}

	/**
	 * A link to a zip, valid from now for the configured time.
	 * @param requestBaseUrl the address the current request came to, used unless a base
	 * URL is configured
	 * @param sha256 the zip's hex SHA-256
	 * @return the link
	 */
	public String link(String requestBaseUrl, String sha256) {
		long expires = this.clock.instant().plus(this.properties.linkTtl()).getEpochSecond();
		String base = (this.properties.baseUrl() != null) ? this.properties.baseUrl().toString() : requestBaseUrl;
		return UriComponentsBuilder.fromUriString(base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
			.path(CredentialFreePaths.CODE_DOWNLOAD_PREFIX + sha256)
			.queryParam(EXPIRES, expires)
			.queryParam(SIGNATURE, signature(sha256, expires))
			.build()
			.toUriString();
	}

	/**
	 * Checks a link's expiry and signature.
	 * @param sha256 the zip's hex SHA-256 from the path
	 * @param expires the {@code Expires} parameter
	 * @param signature the {@code Signature} parameter
	 * @throws PlatformException {@code DOWNLOAD_LINK_REFUSED} when the link was not made
	 * here, was changed, or has expired
	 */
	void check(String sha256, @Nullable String expires, @Nullable String signature) {
		long expiresAt;
		try {
			expiresAt = Long.parseLong((expires != null) ? expires : "");
		}
		catch (NumberFormatException ex) {
			throw refused("The link has no valid Expires parameter");
		}
		byte[] expected = signature(sha256, expiresAt).getBytes(StandardCharsets.US_ASCII);
		if (signature == null || !MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))) {
			throw refused("The link's signature does not match: ask GetFunction for a new link");
		}
		if (this.clock.instant().isAfter(Instant.ofEpochSecond(expiresAt))) {
			throw refused(
					"The link expired at " + Instant.ofEpochSecond(expiresAt) + ": ask GetFunction for a new link");
		}
	}

	private String signature(String sha256, long expires) {
		return Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(hmac(this.key, "GET\n" + sha256 + "\n" + expires));
	}

	private static PlatformException refused(String detail) {
		return new PlatformException(ProblemType.DOWNLOAD_LINK_REFUSED, detail);
	}

	private static byte[] hmac(byte[] key, String message) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException("Every Java platform has HmacSHA256", ex);
		}
	}

}
