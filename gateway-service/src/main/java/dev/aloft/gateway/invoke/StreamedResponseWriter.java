package dev.aloft.gateway.invoke;

import java.io.IOException;

/**
 * Writes a streamed response to the caller as it arrives (a {@code RESPONSE_STREAM}
 * function URL).
 */
@FunctionalInterface
public interface StreamedResponseWriter {

	/**
	 * Writes the stream, chunk by chunk, until it ends.
	 * @param response the stream
	 * @throws IOException when the invoker's answer broke off or the caller went away
	 */
	void write(StreamedResponse response) throws IOException;

}
