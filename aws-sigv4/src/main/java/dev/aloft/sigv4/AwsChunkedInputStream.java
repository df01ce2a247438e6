package dev.aloft.sigv4;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Decodes an {@code aws-chunked} body, one signed chunk at a time:
 * {@code <hex size>;chunk-signature=<signature>\r\n<data>\r\n}, ending with a chunk of
 * size 0. A chunk's bytes are handed out only after its signature has been checked.
 */
final class AwsChunkedInputStream extends InputStream {

	/** Chunks are buffered whole; the SDKs send 64 or 128 KiB. */
	static final int MAX_CHUNK_SIZE = 8 * 1024 * 1024;

	private static final int MAX_HEADER_LENGTH = 256;

	private static final String SIGNATURE_EXTENSION = ";chunk-signature=";

	private final InputStream in;

	private final ChunkSigner signer;

	private final long expectedLength;

	private String previousSignature;

	private byte[] chunk = new byte[0];

	private int chunkLength;

	private int position;

	private long decodedLength;

	private boolean finished;

	AwsChunkedInputStream(InputStream in, ChunkSigner signer, String seedSignature, long expectedLength) {
		this.in = in;
		this.signer = signer;
		this.previousSignature = seedSignature;
		this.expectedLength = expectedLength;
	}

	@Override
	public int read() throws IOException {
		if (!fill()) {
			return -1;
		}
		return this.chunk[this.position++] & 0xFF;
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		if (length == 0) {
			return 0;
		}
		if (!fill()) {
			return -1;
		}
		int count = Math.min(length, this.chunkLength - this.position);
		System.arraycopy(this.chunk, this.position, buffer, offset, count);
		this.position += count;
		return count;
	}

	@Override
	public int available() {
		return this.chunkLength - this.position;
	}

	@Override
	public void close() throws IOException {
		this.in.close();
	}

	/** Reads chunks until there are bytes to hand out; false at the end of the body. */
	private boolean fill() throws IOException {
		while (this.position == this.chunkLength) {
			if (this.finished) {
				return false;
			}
			nextChunk();
		}
		return true;
	}

	private void nextChunk() throws IOException {
		String header = readLine();
		int extension = header.indexOf(SIGNATURE_EXTENSION);
		if (extension <= 0) {
			throw new ChunkSignatureException("Chunk header has no chunk-signature: '" + header + "'");
		}
		int size = parseSize(header.substring(0, extension));
		String signature = header.substring(extension + SIGNATURE_EXTENSION.length());
		if (this.chunk.length < size) {
			this.chunk = new byte[size];
		}
		if (this.in.readNBytes(this.chunk, 0, size) != size) {
			throw new ChunkSignatureException("The body ends inside a chunk");
		}
		if (!readLine().isEmpty()) {
			throw new ChunkSignatureException("A chunk is longer than its declared size");
		}
		String expected = this.signer.sign(this.previousSignature, this.chunk, size);
		if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
				signature.getBytes(StandardCharsets.US_ASCII))) {
			throw new ChunkSignatureException("The chunk signature we calculated does not match the one provided");
		}
		this.previousSignature = signature;
		this.chunkLength = size;
		this.position = 0;
		this.decodedLength += size;
		if (size == 0) {
			this.finished = true;
			if (this.expectedLength >= 0 && this.decodedLength != this.expectedLength) {
				throw new ChunkSignatureException("Decoded " + this.decodedLength
						+ " bytes, but x-amz-decoded-content-length is " + this.expectedLength);
			}
		}
	}

	private static int parseSize(String hex) throws ChunkSignatureException {
		long size = 0;
		if (hex.isEmpty() || hex.length() > 8) {
			throw new ChunkSignatureException("Malformed chunk size: '" + hex + "'");
		}
		for (int i = 0; i < hex.length(); i++) {
			int digit = Character.digit(hex.charAt(i), 16);
			if (digit < 0) {
				throw new ChunkSignatureException("Malformed chunk size: '" + hex + "'");
			}
			size = size * 16 + digit;
		}
		if (size > MAX_CHUNK_SIZE) {
			throw new ChunkSignatureException("Chunk of " + size + " bytes exceeds " + MAX_CHUNK_SIZE);
		}
		return (int) size;
	}

	/** Reads up to CRLF, which is not returned. */
	private String readLine() throws IOException {
		StringBuilder line = new StringBuilder(96);
		while (true) {
			int c = this.in.read();
			if (c < 0) {
				throw new ChunkSignatureException("The body ends before its final chunk");
			}
			if (c == '\r') {
				if (this.in.read() != '\n') {
					throw new ChunkSignatureException("Chunk framing: CR without LF");
				}
				return line.toString();
			}
			if (line.length() == MAX_HEADER_LENGTH) {
				throw new ChunkSignatureException("Chunk header too long");
			}
			line.append((char) c);
		}
	}

}
