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
			return null;
		}
		return this.frames.readNBytes(length);
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
