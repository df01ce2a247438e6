package dev.aloft.sigv4;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import org.jspecify.annotations.Nullable;

/**
 * The timestamps of SigV4: {@code X-Amz-Date} in ISO 8601 basic format
 * ({@code 20150830T123600Z}), and the HTTP {@code Date} header some older clients send
 * instead.
 */
final class AmzDate {

	private AmzDate() {
	}

	/**
	 * Parses {@code yyyyMMdd'T'HHmmss'Z'} by hand: it is on every request, and a
	 * formatter would be slower for no gain.
	 */
	static @Nullable Instant parseBasic(String value) {
		if (value.length() != 16 || value.charAt(8) != 'T' || value.charAt(15) != 'Z') {
			return null;
		}
		try {
			return LocalDateTime
				.of(digits(value, 0, 4), digits(value, 4, 6), digits(value, 6, 8), digits(value, 9, 11),
						digits(value, 11, 13), digits(value, 13, 15))
				.toInstant(ZoneOffset.UTC);
		}
		catch (DateTimeException | NumberFormatException ex) {
			return null;
		}
	}

	/**
	 * Parses an RFC 1123 {@code Date} header, e.g. {@code Sun, 30 Aug 2015 12:36:00 GMT}.
	 */
	static @Nullable Instant parseHttpDate(String value) {
		try {
			return ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
		}
		catch (DateTimeException ex) {
			return null;
		}
	}

	static String formatBasic(Instant instant) {
		LocalDateTime time = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
		StringBuilder out = new StringBuilder(16);
		pad(out, time.getYear(), 4);
		pad(out, time.getMonthValue(), 2);
		pad(out, time.getDayOfMonth(), 2);
		out.append('T');
		pad(out, time.getHour(), 2);
		pad(out, time.getMinute(), 2);
		pad(out, time.getSecond(), 2);
		return out.append('Z').toString();
	}

	private static int digits(String value, int start, int end) {
		int result = 0;
		for (int i = start; i < end; i++) {
			char c = value.charAt(i);
			if (c < '0' || c > '9') {
				throw new NumberFormatException(value);
			}
			result = result * 10 + (c - '0');
		}
		return result;
	}

	private static void pad(StringBuilder out, int value, int width) {
		String digits = Integer.toString(value);
		for (int i = digits.length(); i < width; i++) {
			out.append('0');
		}
		out.append(digits);
	}

}
