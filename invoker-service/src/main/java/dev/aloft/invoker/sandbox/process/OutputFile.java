package dev.aloft.invoker.sandbox.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import dev.aloft.invoker.spi.LogSink;

/**
 * One output stream of a sandbox, which the process appends to a file. Reading up to the
 * file's current end delivers exactly what was written so far, which is what lets the
 * invoker attribute a runtime's last lines to the invocation they belong to. A slow
 * reader never blocks the function, as a full pipe would.
 */
final class OutputFile {

	/**
	 * Past this size the file starts over; the function's older output is already
	 * delivered.
	 */
	private static final long MAX_BYTES = 64L * 1024 * 1024;

	private final Path path;

	private final LogSink.LogStream name;

	private final LogSink sink;

	private final ByteArrayOutputStream partialLine = new ByteArrayOutputStream();

	private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);

	private long position;

	OutputFile(Path path, LogSink.LogStream name, LogSink sink) {
		this.path = path;
		this.name = name;
		this.sink = sink;
	}

	Path path() {
		return this.path;
	}

	/**
	 * Delivers every complete line written since the last read.
	 * @param final whether the process has ended: a last line without a terminator is
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
				emitLines(this.buffer.array(), read);
			}
			if (this.position > MAX_BYTES) {
				channel.truncate(0);
				this.position = 0;
			}
		}
		catch (IOException ex) {
			// The sandbox directory is gone: nothing more to read.
		}
		if (end && this.partialLine.size() > 0) {
			emit();
		}
	}

	private void emitLines(byte[] bytes, int length) {
		int start = 0;
		for (int i = 0; i < length; i++) {
			if (bytes[i] == '\n') {
				this.partialLine.write(bytes, start, i - start);
				emit();
				start = i + 1;
			}
		}
		this.partialLine.write(bytes, start, length - start);
	}

	private void emit() {
		String line = this.partialLine.toString(StandardCharsets.UTF_8);
		this.partialLine.reset();
		this.sink.line(this.name, line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
	}

}
