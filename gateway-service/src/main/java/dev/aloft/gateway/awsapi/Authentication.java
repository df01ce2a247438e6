package dev.aloft.gateway.awsapi;

/**
 * The outcome of checking a request's signature.
 */
public sealed interface Authentication {

	/**
	 * The signature is good.
	 *
	 * @param caller who signed
	 */
	record Authenticated(GatewayCaller caller) implements Authentication {
	}

	/**
	 * The signature is missing or wrong, answered as AWS does.
	 *
	 * @param status the HTTP status
	 * @param errorCode the {@code x-amzn-ErrorType}
	 * @param message the message
	 */
	record Refused(int status, String errorCode, String message) implements Authentication {
	}

}
