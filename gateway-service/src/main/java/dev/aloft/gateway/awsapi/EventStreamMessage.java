package dev.aloft.gateway.awsapi;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * One message of the AWS event stream encoding
 * ({@code application/vnd.amazon.eventstream}) that streaming AWS APIs answer in: a
 * prelude (total length, headers length, the prelude's CRC32), string headers, the
 * payload, and the whole message's CRC32, all big-endian.
 */
public final class EventStreamMessage {

	/** The header value type of a UTF-8 string. */
	private static final int STRING = 7;

	private static final int PRELUDE_BYTES = 12;

	private static final int CRC_BYTES = 4;

	private EventStreamMessage() {
	}

	/**
	 * An event message: {@code :message-type} {@code event}, with its type and content
	 * type.
	 * @param eventType the {@code :event-type}, e.g. {@code PayloadChunk}
	 * @param contentType the payload's {@code :content-type}
	 * @param payload the payload
	 * @return the encoded message
	 */
	public static byte[] event(String eventType, String contentType, byte[] payload) {
		ByteArrayOutputStream headers = new ByteArrayOutputStream();
		header(headers, ":event-type", eventType);
		header(headers, ":content-type", contentType);
		header(headers, ":message-type", "event");
		byte[] headerBytes = headers.toByteArray();
		int total = PRELUDE_BYTES + headerBytes.length + payload.length + CRC_BYTES;
		ByteBuffer message = ByteBuffer.allocate(total);
		message.putInt(total).putInt(headerBytes.length);
		message.putInt(crc(message.array(), 8));
		message.put(headerBytes).put(payload);
		message.putInt(crc(message.array(), total - CRC_BYTES));
		return message.array();
	}

	private static void header(ByteArrayOutputStream headers, String name, String value) {
		byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
		byte[] valueBytes = value.getBytes(StandardCharsets.UTF_8);
		headers.write(nameBytes.length);
		headers.writeBytes(nameBytes);
		headers.write(STRING);
		headers.write(valueBytes.length >>> 8);
		headers.write(valueBytes.length & 0xFF);
		headers.writeBytes(valueBytes);
	}

	private static int crc(byte[] bytes, int length) {
		CRC32 crc = new CRC32();
		crc.update(bytes, 0, length);
		return (int) crc.getValue();
	}

}
