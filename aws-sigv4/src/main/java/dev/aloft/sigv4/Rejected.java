package dev.aloft.sigv4;

/**
 * The request is not authenticated. Answer with {@link RejectionCode#httpStatus()}, the
 * header {@code x-amzn-ErrorType: }{@link RejectionCode#errorCode()} and the body
 * {@code {"message": reason}}, as Lambda does.
 *
 * @param reason the message for the caller, worded as AWS words it; for a signature
 * mismatch it includes the canonical request and string to sign the server expected, as
 * AWS includes them (they hold no secret)
 * @param code the AWS error
 */
public record Rejected(String reason, RejectionCode code) implements VerificationResult {

}
