package dev.aloft.contracts.records;

import java.time.Instant;

/**
 * One line a function (or the platform, for START, END and REPORT) wrote during an
 * invocation.
 *
 * @param requestId the invocation it belongs to
 * @param namespace the namespace
 * @param functionName the function
 * @param version the version
 * @param timestamp when it was read
 * @param stream {@code stdout}, {@code stderr} or {@code platform}
 * @param message the line, without its terminator
 */
public record FunctionLogLine(String requestId, String namespace, String functionName, String version,
		Instant timestamp, String stream, String message) {

}
