package dev.aloft.invoker.spi;

/**
 * Receives the lines a sandbox writes. Called from the backend's reader threads; must not
 * block.
 */
@FunctionalInterface
public interface LogSink {

	/**
	 * One line of output, without its line terminator.
	 * @param stream which stream it came from
	 * @param line the line
	 */
	void line(LogStream stream, String line);

	/** The two output streams of a sandbox. */
	enum LogStream {

		/** Standard output. */
		STDOUT,

		/** Standard error. */
		STDERR

	}

}
