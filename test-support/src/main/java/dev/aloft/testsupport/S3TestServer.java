package dev.aloft.testsupport;

import java.net.URI;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/**
 * A real S3-compatible server (S3Proxy, with an in-memory blob store) in the test JVM, on
 * a loopback port, started once for the whole run. It checks SigV4 signatures with the
 * credentials below. Tests look at what it holds, and create buckets, through
 * {@link #blobs()}.
 * <p>
 * S3Proxy is an optional dependency of this module: a module whose tests use this server
 * declares {@code org.gaul:s3proxy} at test scope (its version and exclusions come from
 * the parent's dependency management).
 */
public final class S3TestServer {

	/** The access key id the server accepts. */
	public static final String ACCESS_KEY_ID = "aloft-test-access-key";

	/** The secret access key the server accepts. */
	public static final String SECRET_ACCESS_KEY = "aloft-test-secret-key-0000000000000000";

	private static final S3TestServer INSTANCE = start();

	private final S3Proxy proxy;

	private final BlobStore blobs;

	private S3TestServer(S3Proxy proxy, BlobStore blobs) {
		this.proxy = proxy;
		this.blobs = blobs;
	}

	/**
	 * The server, started on first use.
	 * @return the server
	 */
	public static S3TestServer get() {
		return INSTANCE;
	}

	private static S3TestServer start() {
		BlobStore blobs = new TransientNio2BlobStore();
		S3Proxy proxy = S3Proxy.builder()
			.blobStore(blobs)
			.endpoint(URI.create("http://127.0.0.1:0"))
			.awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY_ID, SECRET_ACCESS_KEY)
			.build();
		try {
			proxy.start();
		}
		catch (Exception ex) {
			throw new IllegalStateException("S3Proxy did not start", ex);
		}
		return new S3TestServer(proxy, blobs);
	}

	/**
	 * Where the server listens.
	 * @return its loopback address
	 */
	public URI endpoint() {
		return URI.create("http://127.0.0.1:" + this.proxy.getPort());
	}

	/**
	 * What the server holds, read and changed without going through HTTP.
	 * @return its blob store
	 */
	public BlobStore blobs() {
		return this.blobs;
	}

}
