package dev.aloft.invoker.sandbox.process;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The descriptor a sandbox's environment names in Lambda's
 * {@code _LAMBDA_TELEMETRY_LOG_FD}, which the runtime catalog sets for the Java runtimes.
 * AWS's runtime interface client writes each {@code LambdaLogger} message there as one
 * frame (see {@link TelemetryFrameDecoder}) rather than raw to stdout, where
 * {@code log("a")} and {@code log("b")} ran into one line "ab". The variable itself is
 * the request, so the runtime and the backend cannot disagree: a process told of a
 * descriptor that is not open would write its log messages into nothing, or into whatever
 * else has that number.
 *
 * @param number the descriptor, 3 to 9: past stdin, stdout and stderr, and one digit, as
 * {@code sh} redirects
 */
record TelemetryDescriptor(int number) {

	/** Lambda's variable that names the descriptor. */
	static final String VARIABLE = "_LAMBDA_TELEMETRY_LOG_FD";

	TelemetryDescriptor {
		if (number < 3 || number > 9) {
			throw new IllegalArgumentException("A telemetry descriptor is 3 to 9, not " + number);
		}
	}

	/**
	 * The descriptor an environment asks for, if it asks for one this backend can open.
	 * Any other value is left to the process, as it was before the backend knew the
	 * variable.
	 */
	static Optional<TelemetryDescriptor> requestedBy(Map<String, String> environment) {
		String value = environment.getOrDefault(VARIABLE, "");
		return value.matches("[3-9]") ? Optional.of(new TelemetryDescriptor(Integer.parseInt(value)))
				: Optional.empty();
	}

	/**
	 * The command that opens the descriptor, appending to a file, then runs a command.
	 * Java's {@code ProcessBuilder} hands a child no descriptor past stderr, so a shell
	 * opens it and {@code exec}s the command (same pid, as every confinement step is). It
	 * goes before the confinement: the invoker's user opens the file in the sandbox's
	 * directory, as it does stdout's, and the unprivileged user the sandbox runs as
	 * inherits the open descriptor. The shell's own {@code PWD} stays out of the
	 * environment.
	 * @param file the telemetry file
	 * @param command the confined command
	 * @return the whole command
	 */
	List<String> open(Path file, List<String> command) {
		List<String> opened = new ArrayList<>(List.of("/bin/sh", "-c",
				"unset PWD; exec " + this.number + ">>\"$1\"; shift; exec \"$@\"", "aloft-sandbox", file.toString()));
		opened.addAll(command);
		return opened;
	}

}
