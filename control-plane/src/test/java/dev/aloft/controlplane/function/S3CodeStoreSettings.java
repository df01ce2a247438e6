package dev.aloft.controlplane.function;

import java.util.Map;

import dev.aloft.testsupport.S3TestServer;

/**
 * The settings of a control plane that keeps its code on the tests' S3-compatible server
 * ({@link S3TestServer}).
 */
final class S3CodeStoreSettings {

	private S3CodeStoreSettings() {
	}

	/**
	 * Creates a bucket on the test server, and the settings of a control plane that keeps
	 * its code there.
	 * @param bucket the bucket's name
	 * @param prefix the key prefix
	 * @return the {@code aloft.control-plane.code.*} settings
	 */
	static Map<String, String> of(String bucket, String prefix) {
		S3TestServer server = S3TestServer.get();
		if (!server.blobs().containerExists(bucket)) {
			server.blobs().createContainer(bucket);
		}
		return Map.of("aloft.control-plane.code.store", "s3", "aloft.control-plane.code.s3.endpoint",
				server.endpoint().toString(), "aloft.control-plane.code.s3.bucket", bucket,
				"aloft.control-plane.code.s3.access-key-id", S3TestServer.ACCESS_KEY_ID,
				"aloft.control-plane.code.s3.secret-access-key", S3TestServer.SECRET_ACCESS_KEY,
				"aloft.control-plane.code.s3.prefix", prefix);
	}

}
