package dev.aloft.router.dispatch;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What the queue holds.
 *
 * @param depth rows waiting or being dispatched
 * @param oldestEnqueuedAt when the oldest of them was accepted, if there are any
 * @param deadLetters rows in the dead-letter store
 */
record QueueStats(long depth, @Nullable Instant oldestEnqueuedAt, long deadLetters) {

	static final class Builder {

		private long depth;

		private @Nullable Instant oldest;

		private long deadLetters;

		void add(EventState state, long count, @Nullable Instant oldestEnqueuedAt) {
			if (state == EventState.DEAD) {
				this.deadLetters += count;
				return;
			}
			this.depth += count;
			if (oldestEnqueuedAt != null && (this.oldest == null || oldestEnqueuedAt.isBefore(this.oldest))) {
				this.oldest = oldestEnqueuedAt;
			}
		}

		QueueStats build() {
			return new QueueStats(this.depth, this.oldest, this.deadLetters);
		}

	}

}
