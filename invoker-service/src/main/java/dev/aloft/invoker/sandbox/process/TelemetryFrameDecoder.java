package dev.aloft.invoker.sandbox.process;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import dev.aloft.invoker.spi.LogSink;

/**
 * Decodes the telemetry log AWS's runtime interface client writes to the descriptor
 * {@code _LAMBDA_TELEMETRY_LOG_FD} names: one frame per {@code LambdaLogger} message,
 * which becomes one log line, as it is one log event on Lambda (a message of several
 * lines stays one). A frame is, big-endian: 4 bytes of type, 4 of message length, 8 of
 * timestamp (microseconds since the epoch), then the message. Older clients write the
 * type {@code 0xa55a0001}; newer ones put the level and format in its low bits, so any
 * type whose top 16 bits are {@code 0xa55a} starts a frame. The timestamp goes unused:
 * lines are attributed to an invocation when they are read, as stdout lines are.
 */
final class TelemetryFrameDecoder implements OutputDecoder {

	/** Type, length and timestamp. */
	static final int HEADER_BYTES = 16;

	/**
	 * The longest message taken for a frame, far past Lambda's 256 KB per log event. A
	 * header that claims more is corrupt: waiting for that many bytes would hold back
	 * every message behind it until the process ends.
	 */
	static final int MAX_MESSAGE_BYTES = 8 * 1024 * 1024;

	/** Room for incomplete frames kept between reads. */
	private static final int KEPT_ROOM_BYTES = 64 * 1024;

	private static final int TYPE_MARK_HIGH = 0xa5;

	private static final int TYPE_MARK_LOW = 0x5a;

	private final LogSink sink;

	/** What was read and not delivered yet: an incomplete frame, from its start. */
	private byte[] pending = new byte[0];

	private int pendingLength;

	TelemetryFrameDecoder(LogSink sink) {
		this.sink = sink;
	}

	@Override
	public void decode(byte[] bytes, int length) {
		if (this.pendingLength + length > this.pending.length) {
			this.pending = Arrays.copyOf(this.pending, Math.max(this.pendingLength + length, 2 * this.pending.length));
		}
		System.arraycopy(bytes, 0, this.pending, this.pendingLength, length);
		this.pendingLength += length;
		int offset = 0;
		int consumed = next(offset);
		while (consumed > 0) {
			offset += consumed;
			consumed = next(offset);
		}
		this.pendingLength -= offset;
		System.arraycopy(this.pending, offset, this.pending, 0, this.pendingLength);
		// A large frame's room goes once it is delivered: environments idle for long.
		if (this.pendingLength == 0 && this.pending.length > KEPT_ROOM_BYTES) {
			this.pending = new byte[0];
		}
	}

	/**
	 * Delivers the frame (or the run of raw bytes) at an offset.
	 * @return how many bytes it took, 0 while it is incomplete
	 */
	private int next(int offset) {
		int available = this.pendingLength - offset;
		if (available < 2) {
			return 0;
		}
		if (!frameStartsAt(offset)) {
			return deliverRaw(offset);
		}
		if (available < HEADER_BYTES) {
			return 0;
		}
		int length = messageLength(offset);
		if (length < 0 || length > MAX_MESSAGE_BYTES) {
			return deliverRaw(offset);
		}
		if (available < HEADER_BYTES + length) {
			return 0;
		}
		emit(offset + HEADER_BYTES, length);
		return HEADER_BYTES + length;
	}

	/**
	 * What is at an offset is no frame header: something other than the runtime client
	 * wrote to the descriptor (a child process of the function, say), or a frame was cut
	 * short. Rather than stop reading, or wait for bytes that may never come, deliver the
	 * bytes up to the next frame type as they are, as one line, and carry on from there.
	 * A last byte that could begin a frame type stays for the next read.
	 * @return how many bytes it delivered, at least 1
	 */
	private int deliverRaw(int offset) {
		int end = offset + 1;
		while (end < this.pendingLength - 1 && !frameStartsAt(end)) {
			end++;
		}
		if (end == this.pendingLength - 1 && (this.pending[end] & 0xff) != TYPE_MARK_HIGH) {
			end = this.pendingLength;
		}
		emit(offset, end - offset);
		return end - offset;
	}

	@Override
	public void end() {
		if (this.pendingLength == 0) {
			return;
		}
		// A frame the process's end cut short (decode leaves nothing else behind): what
		// arrived of its message, or the bytes as they are when not even its header did.
		if (this.pendingLength >= HEADER_BYTES) {
			if (this.pendingLength > HEADER_BYTES) {
				emit(HEADER_BYTES, this.pendingLength - HEADER_BYTES);
			}
		}
		else {
			emit(0, this.pendingLength);
		}
		this.pendingLength = 0;
	}

	private boolean frameStartsAt(int offset) {
		return (this.pending[offset] & 0xff) == TYPE_MARK_HIGH && (this.pending[offset + 1] & 0xff) == TYPE_MARK_LOW;
	}

	private int messageLength(int offset) {
		return ((this.pending[offset + 4] & 0xff) << 24) | ((this.pending[offset + 5] & 0xff) << 16)
				| ((this.pending[offset + 6] & 0xff) << 8) | (this.pending[offset + 7] & 0xff);
	}

	private void emit(int start, int length) {
		String message = new String(this.pending, start, length, StandardCharsets.UTF_8);
		// A message that ends in a newline, a habit from when LambdaLogger wrote to
		// stdout, would otherwise be followed by an empty line in the log.
		if (message.endsWith("\n")) {
			message = message.substring(0, message.length() - 1);
			if (message.endsWith("\r")) {
				message = message.substring(0, message.length() - 1);
			}
		}
		this.sink.line(LogSink.LogStream.STDOUT, message);
	}

}
