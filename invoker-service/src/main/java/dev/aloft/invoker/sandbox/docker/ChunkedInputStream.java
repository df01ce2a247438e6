package dev.aloft.invoker.sandbox.docker;

import java.io.IOException;
import java.io.InputStream;

/**
 * Removes HTTP/1.1 chunked transfer framing: the engine sends followed logs and streamed
 * answers in chunks.
 */
final class ChunkedInputStream extends InputStream {

	private final InputStream in;

	private long remaining;

	private boolean end;

	ChunkedInputStream(InputStream in) {
		this.in = in;
	}

	@Override
	public int read() throws IOException {
		byte[] one = new byte[1];
		int read = read(one, 0, 1);
		return (read == -1) ? -1 : (one[0] & 0xff);
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		if (length == 0) {
			return 0;
		}
		if (!nextChunk()) {
			return -1;
		}
		int read = this.in.read(buffer, offset, (int) Math.min(length, this.remaining));
		if (read == -1) {
			throw new IOException("The engine closed the connection inside a chunk");
		}
		this.remaining -= read;
		if (this.remaining == 0) {
			// The CRLF that ends each chunk's data.
			DockerEngine.readLine(this.in);
		}
		return read;
	}

	/**
	 * Whether there is chunk data to read, reading the next chunk's size when needed.
	 */
	private boolean nextChunk() throws IOException {
		if (this.end) {
			return false;
		}
		if (this.remaining > 0) {
			return true;
		}
		String size = DockerEngine.readLine(this.in);
		int extension = size.indexOf(';');
		this.remaining = Long.parseLong((extension >= 0) ? size.substring(0, extension).trim() : size.trim(), 16);
		if (this.remaining == 0) {
			// The last chunk; trailers, if any, end with an empty line.
			String trailer = DockerEngine.readLine(this.in);
			while (!trailer.isEmpty()) {
				trailer = DockerEngine.readLine(this.in);
			}
			this.end = true;
			return false;
		}
		return true;
	}

}
