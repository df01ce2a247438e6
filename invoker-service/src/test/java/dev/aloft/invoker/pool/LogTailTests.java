package dev.aloft.invoker.pool;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The log tail Lambda returns for {@code LogType: Tail}: at most 4 KB, the newest lines,
 * in order.
 */
class LogTailTests {

	@Test
	void keepsEverythingUnderTheBound() {
		LogTail tail = new LogTail();
		tail.add("START RequestId: 1");
		tail.add("hello");
		tail.add("END RequestId: 1");

		assertThat(text(tail)).isEqualTo("START RequestId: 1\nhello\nEND RequestId: 1\n");
	}

	@Test
	void emptyTailIsEmpty() {
		assertThat(new LogTail().bytes()).isEmpty();
	}

	@Test
	void boundsTheTailTo4KbAndKeepsTheLastLines() {
		LogTail tail = new LogTail();
		for (int i = 0; i < 1000; i++) {
			tail.add(String.format("line %04d %s", i, "x".repeat(40)));
		}

		byte[] bytes = tail.bytes();
		String text = new String(bytes, StandardCharsets.UTF_8);
		List<String> lines = Arrays.asList(text.split("\n"));

		assertThat(bytes.length).isLessThanOrEqualTo(LogTail.MAX_BYTES).isGreaterThan(LogTail.MAX_BYTES - 60);
		assertThat(text).startsWith("line ").endsWith("line 0999 " + "x".repeat(40) + "\n");
		assertThat(text).doesNotContain("line 0000");
		// Whole lines, consecutive and oldest first.
		int first = Integer.parseInt(lines.get(0).substring(5, 9));
		for (int i = 0; i < lines.size(); i++) {
			assertThat(lines.get(i)).isEqualTo(String.format("line %04d %s", first + i, "x".repeat(40)));
		}
	}

	@Test
	void exactly4KbIsKeptWhole() {
		LogTail tail = new LogTail();
		tail.add("a".repeat(2047));
		tail.add("b".repeat(2047));

		assertThat(tail.bytes()).hasSize(4096);
		assertThat(text(tail)).isEqualTo("a".repeat(2047) + "\n" + "b".repeat(2047) + "\n");
	}

	@Test
	void oneByteOverDropsTheOldestLine() {
		LogTail tail = new LogTail();
		tail.add("a".repeat(2047));
		tail.add("b".repeat(2048));

		assertThat(text(tail)).isEqualTo("b".repeat(2048) + "\n");
	}

	@Test
	void cutsALineLongerThanTheBoundToItsLast4Kb() {
		LogTail tail = new LogTail();
		tail.add("first");
		tail.add("y".repeat(10_000) + "END");

		byte[] bytes = tail.bytes();

		assertThat(bytes).hasSize(LogTail.MAX_BYTES);
		assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("y".repeat(4092) + "END\n");
	}

	@Test
	void countsBytesNotCharacters() {
		LogTail tail = new LogTail();
		String euros = "\u20ac".repeat(1000);
		tail.add(euros);
		tail.add(euros);

		assertThat(tail.bytes().length).isLessThanOrEqualTo(LogTail.MAX_BYTES);
		assertThat(text(tail)).isEqualTo(euros + "\n");
	}

	private static String text(LogTail tail) {
		return new String(tail.bytes(), StandardCharsets.UTF_8);
	}

}
