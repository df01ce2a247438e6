package dev.aloft.invoker.sandbox.process;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import dev.aloft.invoker.spi.LogSink;

/**
 * One output stream of a sandbox, which the process appends to a file. Reading up to the
 * file's current end delivers exactly what was written so far, which is what lets the
 * invoker attribute a runtime's last lines to the invocation they belong to. A slow
 * reader never blocks the function, as a full pipe would. Its decoder turns the bytes
 * into lines: text lines for stdout and stderr, framed messages for the runtime client's
 * telemetry log.
 */
final class OutputFile {

	/**
	 * Past this size the file starts over; the function's older output is already
	 * delivered.
	 */
	private static final long MAX_BYTES = 64L * 1024 * 1024;

	private final Path path;

	private final OutputDecoder decoder;

	private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);

	private long position;

	OutputFile(Path path, OutputDecoder decoder) {
		this.path = path;
		this.decoder = decoder;
	}

	/**
	 * A text stream, delivered line by line.
	 */
	static OutputFile lines(Path path, LogSink.LogStream stream, LogSink sink) {
		return new OutputFile(path, new LineDecoder(stream, sink));
	}

	/**
	 * The runtime client's telemetry log, delivered frame by frame as stdout lines.
	 */
	static OutputFile telemetryFrames(Path path, LogSink sink) {
		return new OutputFile(path, new TelemetryFrameDecoder(sink));
	}

	Path path() {
		return this.path;
	}

	/**
	 * Delivers every complete line written since the last read.
	 * @param end whether the process has ended: a last line that is not complete is
	 * delivered too
	 */
	synchronized void read(boolean end) {
		try (FileChannel channel = FileChannel.open(this.path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
			long size = channel.size();
			if (size < this.position) {
				this.position = 0;
			}
			while (this.position < size) {
				this.buffer.clear();
				int read = channel.read(this.buffer, this.position);
				if (read <= 0) {
					break;
				}
				this.position += read;
				this.decoder.decode(this.buffer.array(), read);
			}
			if (this.position > MAX_BYTES) {
				channel.truncate(0);
				this.position = 0;
			}
		}
		catch (IOException ex) {
			// The sandbox directory is gone, or the process has not opened the file yet:
			// nothing to read.
		}
		if (end) {
			this.decoder.end();
		}
	}

}
