package dev.aloft.gateway.invoke;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;

import dev.aloft.contracts.invoke.InvokerApi;
import org.jspecify.annotations.Nullable;

/**
 * A function's response as its runtime streams it, read from the invoker's
 * {@link InvokerApi#RESPONSE_STREAMED} frames chunk by chunk.
 */
public final class StreamedResponse {

	private final String contentType;

	private final DataInputStream frames;

	private boolean complete;

	private byte @Nullable [] error;

	StreamedResponse(String contentType, InputStream body) {
		this.contentType = contentType;
		this.frames = new DataInputStream(body);
	}

	/**
	 * The stream's content type, as the function set it.
	 * @return the content type
	 */
	public String contentType() {
		return this.contentType;
	}

	/**
	 * The next chunk, waiting for the function to write it.
	 * @return the chunk, or null at the end of the stream
	 * @throws IOException when the invoker's answer broke off
	 */
	public byte @Nullable [] next() throws IOException {
		int length = this.frames.readInt();
		if (length == InvokerApi.STREAM_COMPLETE) {
			this.complete = true;
			return null;
		}
		if (length < 0) {
			int errorLength = this.frames.readInt();
			this.error = this.frames.readNBytes(Math.max(0, errorLength));
			return null;
		}
		return this.frames.readNBytes(length);
	}

	/**
	 * The function's error, once a stream was cut short.
	 * @return its error JSON ({@code errorType}, {@code errorMessage}), or null
	 */
	public byte @Nullable [] error() {
		return this.error;
	}

	/**
	 * Whether the stream ended as the function meant it to, rather than cut short by a
	 * failure or a timeout.
	 * @return true once the complete frame was read
	 */
	public boolean complete() {
		return this.complete;
	}

}
