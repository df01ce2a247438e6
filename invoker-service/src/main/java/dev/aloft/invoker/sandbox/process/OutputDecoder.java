package dev.aloft.invoker.sandbox.process;

/**
 * Turns the bytes of one {@link OutputFile} into log lines as they arrive: newline-ended
 * text ({@link LineDecoder}) or the runtime client's framed messages
 * ({@link TelemetryFrameDecoder}). A line or frame that is not complete yet waits for the
 * rest of its bytes.
 */
interface OutputDecoder {

	/**
	 * Delivers every line these bytes complete.
	 * @param bytes the bytes read, in file order
	 * @param length how many of them are valid
	 */
	void decode(byte[] bytes, int length);

	/**
	 * The process has ended and nothing more will come: delivers whatever is left.
	 */
	void end();

}
