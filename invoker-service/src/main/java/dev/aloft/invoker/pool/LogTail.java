package dev.aloft.invoker.pool;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The last lines of an invocation's log, bounded by bytes, for
 * {@code X-Amz-Log-Type: Tail}.
 */
final class LogTail {

	/** Lambda returns the last 4 KB. */
	static final int MAX_BYTES = 4096;

	private final Deque<String> lines = new ArrayDeque<>();

	private int bytes;

	synchronized void add(String line) {
		String entry = line + "\n";
		this.lines.addLast(entry);
		this.bytes += entry.getBytes(StandardCharsets.UTF_8).length;
		while (this.bytes > MAX_BYTES && this.lines.size() > 1) {
			this.bytes -= this.lines.removeFirst().getBytes(StandardCharsets.UTF_8).length;
		}
	}

	/**
	 * The tail: at most the last 4 KB of the log.
	 */
	synchronized byte[] bytes() {
		byte[] all = String.join("", this.lines).getBytes(StandardCharsets.UTF_8);
		if (all.length <= MAX_BYTES) {
			return all;
		}
		byte[] tail = new byte[MAX_BYTES];
		System.arraycopy(all, all.length - MAX_BYTES, tail, 0, MAX_BYTES);
		return tail;
	}

}
