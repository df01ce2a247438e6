package dev.aloft.sigv4;

/**
 * The outcome of verifying a request's signature: {@link Verified} or {@link Rejected}.
 */
public sealed interface VerificationResult permits Verified, Rejected {

}
