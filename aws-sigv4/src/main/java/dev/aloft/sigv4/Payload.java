package dev.aloft.sigv4;

import java.util.Objects;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * The body of a request, as far as SigV4 needs it: its SHA-256. Either the bytes, or a
 * way to compute the hash for callers that stream the body (for instance into a file
 * while hashing it). The hash is computed at most once, and only when the signature needs
 * it: not for {@code UNSIGNED-PAYLOAD} or streaming payloads.
 */
public final class Payload {

	private static final Payload EMPTY = new Payload(new byte[0], null);

	private final byte @Nullable [] body;

	private final @Nullable Supplier<byte[]> sha256;

	private volatile @Nullable String sha256Hex;

	private Payload(byte @Nullable [] body, @Nullable Supplier<byte[]> sha256) {
		this.body = body;
		this.sha256 = sha256;
	}

	/**
	 * No body, as for a GET.
	 * @return the empty payload
	 */
	public static Payload empty() {
		return EMPTY;
	}

	/**
	 * A body held in memory. The array is not copied: do not change it afterwards.
	 * @param body the bytes
	 * @return the payload
	 */
	public static Payload of(byte[] body) {
		Objects.requireNonNull(body, "body");
		return (body.length == 0) ? EMPTY : new Payload(body, null);
	}

	/**
	 * A body whose SHA-256 is computed on demand.
	 * @param sha256 computes the 32-byte SHA-256 digest of the body; called at most once,
	 * from the thread that verifies
	 * @return the payload
	 */
	public static Payload ofSha256(Supplier<byte[]> sha256) {
		Objects.requireNonNull(sha256, "sha256");
		return new Payload(null, sha256);
	}

	/**
	 * The SHA-256 of the body in lower-case hex.
	 */
	String sha256Hex() {
		String hex = this.sha256Hex;
		if (hex == null) {
			hex = (this.body != null) ? Sha256.hex(this.body) : Hex.encode(requireDigest());
			this.sha256Hex = hex;
		}
		return hex;
	}

	private byte[] requireDigest() {
		byte[] digest = Objects.requireNonNull(this.sha256, "sha256").get();
		if (digest == null || digest.length != 32) {
			throw new IllegalStateException("A SHA-256 digest has 32 bytes");
		}
		return digest;
	}

	@Override
	public String toString() {
		return (this.body != null) ? "Payload[" + this.body.length + " bytes]" : "Payload[sha256 on demand]";
	}

}
