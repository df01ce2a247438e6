package dev.aloft.controlplane.function;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import dev.aloft.problems.PlatformException;
import dev.aloft.controlplane.system.ProblemType;

/**
 * Opaque page tokens: the last name on the previous page, base64url-encoded.
 */
final class PageTokens {

	private PageTokens() {
	}

	static String encode(String lastName) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(lastName.getBytes(StandardCharsets.UTF_8));
	}

	static String decode(String token) {
		try {
			return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw new PlatformException(ProblemType.VALIDATION_FAILED, "pageToken is not a token this API issued");
		}
	}

}
