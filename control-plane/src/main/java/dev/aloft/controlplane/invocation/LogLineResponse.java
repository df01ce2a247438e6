package dev.aloft.controlplane.invocation;

import java.time.Instant;

import dev.aloft.contracts.records.FunctionLogLine;

/**
 * One line of a function's log.
 *
 * @param requestId the invocation it belongs to
 * @param version the version that wrote it
 * @param timestamp when it was written
 * @param stream {@code stdout}, {@code stderr} or {@code platform} (START, END, REPORT)
 * @param message the line
 */
record LogLineResponse(String requestId, String version, Instant timestamp, String stream, String message) {

	static LogLineResponse from(FunctionLogLine line) {
		return new LogLineResponse(line.requestId(), line.version(), line.timestamp(), line.stream(), line.message());
	}

}
