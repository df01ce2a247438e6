package dev.aloft.invoker.sandbox.process;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.aloft.invoker.spi.LogSink.LogStream;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runtime client's telemetry frames, as they arrive in reads of any size.
 */
class TelemetryFrameDecoderTests {

	/** The type older runtime clients write for plain text. */
	private static final int TEXT = 0xa55a0001;

	/** A newer client's type: level and format bits over its base. */
	private static final int LEVELLED = 0xa55a0003 | (3 << 2);

	private final List<String> lines = new CopyOnWriteArrayList<>();

	private final TelemetryFrameDecoder decoder = new TelemetryFrameDecoder((stream, line) -> {
		assertThat(stream).isEqualTo(LogStream.STDOUT);
		this.lines.add(line);
	});

	@Test
	void severalFramesInOneReadAreOneLineEach() {
		byte[] bytes = concat(frame(TEXT, "first"), frame(LEVELLED, "second"), frame(TEXT, "two\nlines"));

		this.decoder.decode(bytes, bytes.length);

		assertThat(this.lines).containsExactly("first", "second", "two\nlines");
	}

	@Test
	void aFrameSplitAcrossReadsWaitsForTheRestOfItsBytes() {
		byte[] bytes = concat(frame(TEXT, "first"), frame(TEXT, "second"));
		// In the first frame's header, in its message, then across the second's header.
		int[] cuts = { 5, 18, 25, bytes.length };
		int from = 0;
		for (int cut : cuts) {
			byte[] read = Arrays.copyOfRange(bytes, from, cut);
			this.decoder.decode(read, read.length);
			if (cut == 18) {
				assertThat(this.lines).isEmpty();
			}
			if (cut == 25) {
				assertThat(this.lines).containsExactly("first");
			}
			from = cut;
		}

		assertThat(this.lines).containsExactly("first", "second");
	}

	@Test
	void onlyTheValidBytesOfAReadCount() {
		byte[] read = Arrays.copyOf(frame(TEXT, "first"), 64 * 1024);

		this.decoder.decode(read, TelemetryFrameDecoder.HEADER_BYTES + "first".length());

		assertThat(this.lines).containsExactly("first");
	}

	@Test
	void aTrailingNewlineEndsTheLineAndIsNotAnEmptyLineOfItsOwn() {
		byte[] bytes = concat(frame(TEXT, "old habit\n"), frame(TEXT, "windows\r\n"), frame(TEXT, ""));

		this.decoder.decode(bytes, bytes.length);

		assertThat(this.lines).containsExactly("old habit", "windows", "");
	}

	@Test
	void bytesThatAreNoFrameAreDeliveredAsTheyAreAndFramesAfterThemStillDecode() {
		byte[] bytes = concat("written by hand\n".getBytes(StandardCharsets.UTF_8), frame(TEXT, "framed"));

		this.decoder.decode(bytes, bytes.length);

		assertThat(this.lines).containsExactly("written by hand", "framed");
	}

	@Test
	void aFrameAfterRawBytesMayBeginInTheirRead() {
		byte[] frame = frame(TEXT, "framed");
		byte[] first = concat("raw".getBytes(StandardCharsets.UTF_8), Arrays.copyOf(frame, 1));
		byte[] second = Arrays.copyOfRange(frame, 1, frame.length);

		this.decoder.decode(first, first.length);
		this.decoder.decode(second, second.length);

		assertThat(this.lines).containsExactly("raw", "framed");
	}

	@Test
	void aFrameTypeWithAnImpossibleLengthIsNotWaitedFor() {
		byte[] corrupt = ByteBuffer.allocate(TelemetryFrameDecoder.HEADER_BYTES)
			.putInt(TEXT)
			.putInt(TelemetryFrameDecoder.MAX_MESSAGE_BYTES + 1)
			.putLong(0)
			.array();
		byte[] bytes = concat(corrupt, frame(TEXT, "next"));

		this.decoder.decode(bytes, bytes.length);

		assertThat(this.lines).hasSize(2).endsWith("next");
		assertThat(this.lines.get(0)).as("the header's bytes, undecodable ones replaced").startsWith("\uFFFDZ");
	}

	@Test
	void theEndDeliversAFrameItCutShort() {
		byte[] bytes = frame(TEXT, "cut short");

		this.decoder.decode(bytes, bytes.length - "short".length());
		assertThat(this.lines).isEmpty();
		this.decoder.end();
		this.decoder.end();

		assertThat(this.lines).containsExactly("cut ");
	}

	@Test
	void theEndDeliversAStrayByteAsItIs() {
		byte[] bytes = { 'x' };

		this.decoder.decode(bytes, 1);
		this.decoder.end();

		assertThat(this.lines).containsExactly("x");
	}

	static byte[] frame(int type, String message) {
		byte[] text = message.getBytes(StandardCharsets.UTF_8);
		return ByteBuffer.allocate(TelemetryFrameDecoder.HEADER_BYTES + text.length)
			.putInt(type)
			.putInt(text.length)
			.putLong(System.currentTimeMillis() * 1000)
			.put(text)
			.array();
	}

	private static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream all = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			all.writeBytes(part);
		}
		return all.toByteArray();
	}

}
