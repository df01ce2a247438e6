package dev.aloft.controlplane.invocation;

/**
 * How over-long log lines are kept: their start, and a marker saying how much was cut.
 */
final class LogLines {

	private LogLines() {
	}

	/**
	 * Cuts a line to a length, marking the cut.
	 * @param message the line
	 * @param maxLength the most characters the result may have, marker included
	 * @return the line itself when short enough, else its start and a marker such as
	 * {@code " [truncated 1234 characters]"}
	 */
	static String cut(String message, int maxLength) {
		if (message.length() <= maxLength) {
			return message;
		}
		// The marker for everything cut is at least as long as the one finally used.
		int keep = Math.max(0, maxLength - marker(message.length()).length());
		if (keep > 0 && Character.isHighSurrogate(message.charAt(keep - 1))) {
			keep--;
		}
		return message.substring(0, keep) + marker(message.length() - keep);
	}

	private static String marker(int cutCharacters) {
		return " [truncated " + cutCharacters + " characters]";
	}

}
