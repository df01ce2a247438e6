/**
 * Verifies AWS Signature Version 4 ({@code AWS4-HMAC-SHA256}) request signatures the way
 * AWS services do, so that the AWS SDKs, the CLI, Terraform and botocore can call Aloft
 * unchanged.
 * <p>
 * A server adapts its request into a {@link dev.aloft.sigv4.SignedRequest}, and a
 * {@link dev.aloft.sigv4.SigV4Verifier} answers with a
 * {@link dev.aloft.sigv4.VerificationResult}: either {@link dev.aloft.sigv4.Verified} or
 * {@link dev.aloft.sigv4.Rejected}, whose {@link dev.aloft.sigv4.RejectionCode} names the
 * AWS error to answer with. Secrets come from a
 * {@link dev.aloft.sigv4.CredentialsLookup}. The library has no dependencies beyond the
 * JDK.
 */
@NullMarked
package dev.aloft.sigv4;

import org.jspecify.annotations.NullMarked;
