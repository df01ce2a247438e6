package dev.aloft.invoker.sandbox.process;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import dev.aloft.invoker.spi.LogSink;

/**
 * Splits a text stream (stdout, stderr) into lines at each newline; a last line without
 * one is delivered when the process ends.
 */
final class LineDecoder implements OutputDecoder {

	private final LogSink.LogStream stream;

	private final LogSink sink;

	private final ByteArrayOutputStream partialLine = new ByteArrayOutputStream();

	LineDecoder(LogSink.LogStream stream, LogSink sink) {
		this.stream = stream;
		this.sink = sink;
	}

	@Override
	public void decode(byte[] bytes, int length) {
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

	@Override
	public void end() {
		if (this.partialLine.size() > 0) {
			emit();
		}
	}

	private void emit() {
		String line = this.partialLine.toString(StandardCharsets.UTF_8);
		this.partialLine.reset();
		this.sink.line(this.stream, line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
	}

}
