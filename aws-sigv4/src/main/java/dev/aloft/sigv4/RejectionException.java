package dev.aloft.sigv4;

/**
 * Ends a verification early with a rejection. Internal control flow only: it never leaves
 * {@link SigV4Verifier#verify(SignedRequest)}, and carries no stack trace, so rejecting a
 * flood of bad requests stays cheap.
 */
final class RejectionException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final RejectionCode code;

	RejectionException(RejectionCode code, String reason) {
		super(reason, null, false, false);
		this.code = code;
	}

	Rejected rejected() {
		return new Rejected(getMessage(), this.code);
	}

}
