package dev.aloft.controlplane.lambdaapi;

/**
 * An error of the Lambda API, answered as Lambda does: the status, the error code in
 * {@code x-amzn-ErrorType} and a JSON body with the message (see {@link LambdaErrors}).
 */
class LambdaException extends RuntimeException {

	private final int status;

	private final String code;

	LambdaException(int status, String code, String message) {
		super(message);
		this.status = status;
		this.code = code;
	}

	static LambdaException notFound(String message) {
		return new LambdaException(404, "ResourceNotFoundException", message);
	}

	static LambdaException conflict(String message) {
		return new LambdaException(409, "ResourceConflictException", message);
	}

	static LambdaException invalidParameter(String message) {
		return new LambdaException(400, "InvalidParameterValueException", message);
	}

	static LambdaException invalidRequestContent(String message) {
		return new LambdaException(400, "InvalidRequestContentException", message);
	}

	static LambdaException validation(String message) {
		return new LambdaException(400, "ValidationException", message);
	}

	static LambdaException preconditionFailed(String message) {
		return new LambdaException(412, "PreconditionFailedException", message);
	}

	static LambdaException accessDenied(String message) {
		return new LambdaException(403, "AccessDeniedException", message);
	}

	int status() {
		return this.status;
	}

	String code() {
		return this.code;
	}

}
