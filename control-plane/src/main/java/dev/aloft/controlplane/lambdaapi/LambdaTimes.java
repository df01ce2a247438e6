package dev.aloft.controlplane.lambdaapi;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The time formats of Lambda's responses.
 */
final class LambdaTimes {

	private static final DateTimeFormatter LAST_MODIFIED = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx")
		.withZone(ZoneOffset.UTC);

	private LambdaTimes() {
	}

	/**
	 * A function's {@code LastModified}: a string such as
	 * {@code 2019-09-24T18:20:35.054+0000}.
	 */
	static String lastModified(Instant instant) {
		return LAST_MODIFIED.format(instant);
	}

	/**
	 * Epoch seconds with a fraction, as event-source mappings and event invoke configs
	 * carry {@code LastModified} (a JSON number).
	 */
	static double epochSeconds(Instant instant) {
		return instant.toEpochMilli() / 1000.0;
	}

}
