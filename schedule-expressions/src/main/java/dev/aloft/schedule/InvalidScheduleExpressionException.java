package dev.aloft.schedule;

/**
 * A schedule expression that EventBridge would reject. The message names the part that is
 * wrong and says what is expected instead, so it can be shown to the user as it is.
 */
public class InvalidScheduleExpressionException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	/**
	 * Longest piece of user input repeated in a message, so garbage cannot flood a log
	 * line.
	 */
	private static final int QUOTE_LIMIT = 64;

	InvalidScheduleExpressionException(String message) {
		super(message);
	}

	/**
	 * Quotes user input for a message, shortened when it is long.
	 * @param text the input
	 * @return the input in single quotes
	 */
	static String quote(String text) {
		String shown = (text.length() <= QUOTE_LIMIT) ? text : text.substring(0, QUOTE_LIMIT) + "...";
		return "'" + shown + "'";
	}

}
