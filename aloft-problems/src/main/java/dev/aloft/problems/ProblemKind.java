package dev.aloft.problems;

import java.net.URI;

import org.springframework.http.HttpStatus;

/**
 * A kind of problem a service reports. Each service lists its kinds in a
 * {@code ProblemType} enum; the enum constant's name is the problem's stable
 * {@code code}.
 */
public interface ProblemKind {

	/** Where problem types are documented. */
	String TYPE_BASE = "https://docs.aloft.dev/problems/";

	/**
	 * The stable, machine-readable code, e.g. {@code FUNCTION_NOT_FOUND}.
	 * @return the code (an enum's constant name)
	 */
	String name();

	/**
	 * The HTTP status.
	 * @return the status
	 */
	HttpStatus status();

	/**
	 * The short, human-readable summary.
	 * @return the title
	 */
	String title();

	/**
	 * Whether the same request may succeed later.
	 * @return true when retrying makes sense
	 */
	default boolean retryable() {
		return this.status() == HttpStatus.TOO_MANY_REQUESTS || this.status().is5xxServerError();
	}

	/**
	 * The problem's {@code type}: the code in kebab case under {@link #TYPE_BASE}.
	 * @return the URI
	 */
	default URI type() {
		return URI.create(TYPE_BASE + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
	}

}
