package dev.aloft.invoker.sandbox.docker;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import dev.aloft.invoker.spi.LogSink;
import dev.aloft.invoker.spi.LogSink.LogStream;

/**
 * Splits the engine's multiplexed output stream (a container without a TTY) into lines:
 * each frame is an 8-byte header (stream type, three zero bytes, the payload size as a
 * big-endian unsigned int) and the payload. A line may span frames, so each stream keeps
 * its partial line until the newline arrives.
 */
final class MultiplexedLogs {

	private final LogSink sink;

	private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();

	private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

	private volatile long lastFrameNanos = System.nanoTime();

	MultiplexedLogs(LogSink sink) {
		this.sink = sink;
	}

	/**
	 * When the last frame arrived ({@link System#nanoTime()}).
	 */
	long lastFrameNanos() {
		return this.lastFrameNanos;
	}

	/**
	 * Delivers every line of the stream until it ends, then any last unterminated lines.
	 * @param in the body of a followed logs or attach request
	 * @throws IOException when the connection fails
	 */
	void pump(InputStream in) throws IOException {
		DataInputStream frames = new DataInputStream(in);
		byte[] header = new byte[8];
		byte[] payload = new byte[8192];
		try {
			while (true) {
				try {
					frames.readFully(header);
				}
				catch (EOFException ex) {
					return;
				}
				long size = ((header[4] & 0xffL) << 24) | ((header[5] & 0xffL) << 16) | ((header[6] & 0xffL) << 8)
						| (header[7] & 0xffL);
				LogStream stream = (header[0] == 2) ? LogStream.STDERR : LogStream.STDOUT;
				while (size > 0) {
					int chunk = (int) Math.min(size, payload.length);
					frames.readFully(payload, 0, chunk);
					accept(stream, payload, chunk);
					size -= chunk;
				}
				this.lastFrameNanos = System.nanoTime();
			}
		}
		finally {
			flush(LogStream.STDOUT);
			flush(LogStream.STDERR);
		}
	}

	private void accept(LogStream stream, byte[] bytes, int length) {
		ByteArrayOutputStream partial = partial(stream);
		int start = 0;
		for (int i = 0; i < length; i++) {
			if (bytes[i] == '\n') {
				partial.write(bytes, start, i - start);
				emit(stream, partial);
				start = i + 1;
			}
		}
		partial.write(bytes, start, length - start);
	}

	private void flush(LogStream stream) {
		ByteArrayOutputStream partial = partial(stream);
		if (partial.size() > 0) {
			emit(stream, partial);
		}
	}

	private ByteArrayOutputStream partial(LogStream stream) {
		return (stream == LogStream.STDERR) ? this.stderr : this.stdout;
	}

	private void emit(LogStream stream, ByteArrayOutputStream partial) {
		String line = partial.toString(StandardCharsets.UTF_8);
		partial.reset();
		this.sink.line(stream, line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
	}

}
