package dev.aloft.invoker.pool;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;

/**
 * A function's response passed on as its runtime streams it: the Runtime API writes the
 * chunks the runtime sends, the internal invoke API's caller takes them. At most
 * {@link #MAX_BUFFERED_BYTES} wait between the two, so a slow caller slows the runtime
 * down rather than filling the invoker's memory.
 */
public final class ResponseStream {

	/** How much may wait for the caller before the runtime's writes block. */
	static final int MAX_BUFFERED_BYTES = 1024 * 1024;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition changed = this.lock.newCondition();

	private final Deque<byte[]> chunks = new ArrayDeque<>();

	private final CompletableFuture<String> opened = new CompletableFuture<>();

	private int bufferedBytes;

	private State state = State.OPEN;

	/**
	 * Completes with the stream's content type once the runtime starts streaming.
	 * @return the future
	 */
	public CompletableFuture<String> opened() {
		return this.opened;
	}

	void open(String contentType) {
		this.opened.complete(contentType);
	}

	/**
	 * Hands a chunk to the caller, waiting while too much already waits.
	 * @param chunk the bytes
	 * @return false when the caller is gone or the stream has ended: stop writing
	 * @throws InterruptedException when interrupted while waiting
	 */
	public boolean write(byte[] chunk) throws InterruptedException {
		this.lock.lock();
		try {
			while (this.state == State.OPEN && this.bufferedBytes >= MAX_BUFFERED_BYTES) {
				this.changed.await();
			}
			if (this.state != State.OPEN) {
				return false;
			}
			this.chunks.add(chunk);
			this.bufferedBytes += chunk.length;
			this.changed.signalAll();
			return true;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * The function finished its response: the caller ends its body after the last chunk.
	 */
	void end() {
		settle(State.ENDED);
	}

	/**
	 * The function failed or timed out mid-stream: the caller cuts its body short. Never
	 * blocks, so the pool may call it under its lock.
	 */
	void fail() {
		settle(State.FAILED);
	}

	/**
	 * The caller is gone: whatever the runtime still writes is dropped.
	 */
	public void abandon() {
		this.lock.lock();
		try {
			this.state = State.ABANDONED;
			this.chunks.clear();
			this.bufferedBytes = 0;
			this.changed.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * The next chunk for the caller, waiting for one.
	 * @return the chunk, or null at the end of a complete response
	 * @throws StreamFailedException when the function failed mid-stream
	 * @throws InterruptedException when interrupted while waiting
	 */
	public byte @Nullable [] take() throws InterruptedException {
		this.lock.lock();
		try {
			while (this.chunks.isEmpty() && this.state == State.OPEN) {
				this.changed.await();
			}
			if (this.state == State.FAILED || this.state == State.ABANDONED) {
				throw new StreamFailedException();
			}
			byte[] chunk = this.chunks.poll();
			if (chunk != null) {
				this.bufferedBytes -= chunk.length;
				this.changed.signalAll();
			}
			return chunk;
		}
		finally {
			this.lock.unlock();
		}
	}

	private void settle(State settled) {
		this.lock.lock();
		try {
			if (this.state == State.OPEN) {
				this.state = settled;
				this.changed.signalAll();
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	private enum State {

		OPEN, ENDED, FAILED, ABANDONED

	}

	/**
	 * The function failed or timed out after its stream began; its response is cut short.
	 */
	public static final class StreamFailedException extends RuntimeException {

		StreamFailedException() {
			super("The function's response stream failed", null, false, false);
		}

	}

}
