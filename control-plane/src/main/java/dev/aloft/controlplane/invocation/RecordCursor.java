package dev.aloft.controlplane.invocation;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;

import dev.aloft.controlplane.system.ProblemType;
import dev.aloft.problems.PlatformException;

/**
 * Where a page of records or log lines ended: the time and id of its last row, which the
 * opaque {@code pageToken} carries (base64url of {@code <epochSecond>.<nano>.<id>}).
 *
 * @param at the last row's time
 * @param id the last row's id, which orders rows of the same time
 */
record RecordCursor(Instant at, long id) {

	String encode() {
		String plain = this.at.getEpochSecond() + "." + this.at.getNano() + "." + this.id;
		return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
	}

	static RecordCursor decode(String token) {
		try {
			String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\\.");
			if (parts.length != 3) {
				throw new IllegalArgumentException("three parts expected");
			}
			return new RecordCursor(Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])),
					Long.parseLong(parts[2]));
		}
		catch (IllegalArgumentException | DateTimeException ex) {
			throw new PlatformException(ProblemType.VALIDATION_FAILED, "pageToken is not a token this API issued");
		}
	}

}
