package dev.aloft.controlplane.eventsource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import dev.aloft.controlplane.system.CursorPage;
import dev.aloft.controlplane.system.ProblemType;
import dev.aloft.problems.PlatformException;
import org.jspecify.annotations.Nullable;

/**
 * Where a page of a list in creation order starts: after the item created at
 * {@code createdAt} with identifier {@code id}. Page tokens are this, base64url-encoded.
 *
 * @param createdAt the creation time of the last item on the previous page
 * @param id the identifier of the last item on the previous page
 */
record PageCursor(Instant createdAt, UUID id) {

	/** Before every item. */
	static final PageCursor FIRST = new PageCursor(Instant.EPOCH, new UUID(0, 0));

	/**
	 * The cursor a page token holds.
	 * @param token the token, or null for the first page
	 * @return the cursor
	 * @throws PlatformException {@code VALIDATION_FAILED} when the token is not one this
	 * API issued
	 */
	static PageCursor decode(@Nullable String token) {
		if (token == null) {
			return FIRST;
		}
		try {
			String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
			int separator = text.indexOf('|');
			return new PageCursor(Instant.parse(text.substring(0, separator)),
					UUID.fromString(text.substring(separator + 1)));
		}
		catch (IllegalArgumentException | IndexOutOfBoundsException | DateTimeParseException ex) {
			throw new PlatformException(ProblemType.VALIDATION_FAILED, "pageToken is not a token this API issued");
		}
	}

	/**
	 * A page from the rows read after a cursor: asking for one row more than the page
	 * holds tells whether another page follows.
	 * @param <E> the row type
	 * @param <R> the item type
	 * @param rows up to {@code limit + 1} rows, in creation order
	 * @param limit the page size
	 * @param item turns a row into an item
	 * @param cursor the cursor of a row
	 * @return the page, with the next page's token unless it is the last
	 */
	static <E, R> CursorPage<R> page(List<E> rows, int limit, Function<E, R> item, Function<E, PageCursor> cursor) {
		List<R> items = rows.stream().limit(limit).map(item).toList();
		if (rows.size() <= limit) {
			return new CursorPage<>(items, null);
		}
		return new CursorPage<>(items, cursor.apply(rows.get(limit - 1)).encode());
	}

	/**
	 * This cursor as a page token.
	 * @return the token
	 */
	String encode() {
		return Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString((this.createdAt + "|" + this.id).getBytes(StandardCharsets.UTF_8));
	}

}
