package dev.aloft.controlplane.function;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.aloft.controlplane.system.ProblemType;
import dev.aloft.problems.PlatformException;
import org.jspecify.annotations.Nullable;

/**
 * A container image reference, {@code [registry[:port]/]repository[:tag][@sha256:<hex>]},
 * checked with the grammar Docker's distribution library uses (a lowercase repository of
 * {@code /}-separated components, a tag of up to 128 word characters, dots and hyphens).
 * The control plane never contacts a registry: the image is pulled by the invoker that
 * runs it.
 *
 * @param uri the reference as given
 * @param name the registry and repository
 * @param tag the tag, or null
 * @param digest the hex SHA-256 digest the reference pins, or null
 */
public record ImageReference(String uri, String name, @Nullable String tag, @Nullable String digest) {

	/** Longest reference accepted (Docker's name limit, a tag and a digest). */
	static final int MAX_LENGTH = 512;

	private static final int MAX_NAME_LENGTH = 255;

	private static final String COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";

	private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";

	private static final String DOMAIN = DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*(?::[0-9]+)?";

	private static final Pattern REFERENCE = Pattern.compile("((?:" + DOMAIN + "/)?" + COMPONENT + "(?:/" + COMPONENT
			+ ")*)(?::([\\w][\\w.-]{0,127}))?(?:@sha256:([a-f0-9]{64}))?");

	/**
	 * Checks and reads a reference.
	 * @param uri the reference
	 * @return the reference
	 * @throws PlatformException {@code VALIDATION_FAILED} naming what is wrong with it
	 */
	public static ImageReference parse(@Nullable String uri) {
		if (uri == null || uri.isBlank()) {
			throw new PlatformException(ProblemType.VALIDATION_FAILED,
					"An Image function needs an image reference (code.imageUri)");
		}
		Matcher matcher = REFERENCE.matcher(uri);
		if (uri.length() > MAX_LENGTH || !matcher.matches() || matcher.group(1).length() > MAX_NAME_LENGTH) {
			throw new PlatformException(ProblemType.VALIDATION_FAILED,
					"Image reference '" + uri
							+ "' is not valid: expected [registry[:port]/]repository[:tag][@sha256:<64 hex digits>], "
							+ "with a lowercase repository of at most " + MAX_NAME_LENGTH + " characters");
		}
		return new ImageReference(uri, matcher.group(1), matcher.group(2), matcher.group(3));
	}

	/**
	 * What stands for the image where a zip has its SHA-256: the digest it pins, or else
	 * the SHA-256 of the reference's text (which changes whenever the reference does).
	 * @return hex SHA-256
	 */
	String contentSha256() {
		if (this.digest != null) {
			return this.digest;
		}
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(this.uri.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform has SHA-256", ex);
		}
	}

	/**
	 * Lambda's {@code ResolvedImageUri}: {@code repository@sha256:<digest>} when the
	 * reference pins a digest; otherwise the reference itself, since resolving a tag
	 * would mean asking the registry.
	 * @return the resolved reference
	 */
	public String resolved() {
		return (this.digest != null) ? this.name + "@sha256:" + this.digest : this.uri;
	}

}
