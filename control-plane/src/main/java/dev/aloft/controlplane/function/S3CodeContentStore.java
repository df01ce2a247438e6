package dev.aloft.controlplane.function;

import java.util.Base64;
import java.util.HexFormat;

import dev.aloft.controlplane.system.JdkSdkHttpClient;
import dev.aloft.controlplane.system.ProblemType;
import dev.aloft.problems.PlatformException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Keeps code in an S3-compatible bucket, each zip once under {@code <prefix><sha256>};
 * the artifact's row records {@code s3://<bucket>/<key>}. The store checks the SHA-256 of
 * what it is given ({@code x-amz-checksum-sha256}), and what comes back is checked
 * against the hash before anyone gets it.
 */
class S3CodeContentStore implements CodeContentStore, AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(S3CodeContentStore.class);

	private static final String SCHEME = "s3://";

	private static final int NOT_FOUND = 404;

	private final S3Client client;

	private final String bucket;

	private final String prefix;

	S3CodeContentStore(S3Client client, String bucket, String prefix) {
		this.client = client;
		this.bucket = bucket;
		this.prefix = prefix;
	}

	/**
	 * A store for the configured bucket. Nothing is sent yet: a store that is down fails
	 * uploads with a problem, not the control plane's start.
	 */
	static S3CodeContentStore connect(CodeStoreProperties.S3 properties) {
		S3ClientBuilder builder = S3Client.builder()
			.httpClient(new JdkSdkHttpClient(properties.timeout()))
			.region(Region.of(properties.region()))
			.credentialsProvider(StaticCredentialsProvider
				.create(AwsBasicCredentials.create(properties.accessKeyId(), properties.secretAccessKey())))
			.forcePathStyle(properties.pathStyle())
			// The SHA-256 sent with each upload is the checksum; S3-compatible stores
			// that
			// know no other algorithms still take it.
			.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
			.responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
			.overrideConfiguration((config) -> config.apiCallTimeout(properties.timeout()));
		if (properties.endpoint() != null) {
			builder.endpointOverride(properties.endpoint());
		}
		logger.info("Code is kept in the S3-compatible store at {}, bucket {}",
				(properties.endpoint() != null) ? properties.endpoint() : "AWS " + properties.region(),
				properties.bucket());
		return new S3CodeContentStore(builder.build(), String.valueOf(properties.bucket()), properties.prefix());
	}

	@Override
	public String put(String sha256, byte[] zip) {
		String key = this.prefix + sha256;
		try {
			if (!present(key, zip.length)) {
				this.client.putObject(
						(put) -> put.bucket(this.bucket)
							.key(key)
							.contentLength((long) zip.length)
							.contentType("application/zip")
							.checksumSHA256(Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha256))),
						RequestBody.fromBytes(zip));
			}
		}
		catch (SdkException ex) {
			throw unavailable("store", this.bucket, key, ex);
		}
		return SCHEME + this.bucket + "/" + key;
	}

	/**
	 * Whether the object is there already. Its key is its hash, so one of the right size
	 * is the same content; one of another size is a broken earlier upload, replaced.
	 */
	private boolean present(String key, long size) {
		try {
			HeadObjectResponse head = this.client.headObject((request) -> request.bucket(this.bucket).key(key));
			return head.contentLength() != null && head.contentLength() == size;
		}
		catch (S3Exception ex) {
			if (ex.statusCode() == NOT_FOUND) {
				return false;
			}
			throw ex;
		}
	}

	@Override
	public byte[] read(String sha256, String location) {
		ObjectName object = ObjectName.of(location);
		byte[] zip;
		try {
			ResponseBytes<GetObjectResponse> response = this.client
				.getObjectAsBytes((get) -> get.bucket(object.bucket()).key(object.key()));
			zip = response.asByteArrayUnsafe();
		}
		catch (SdkException ex) {
			throw unavailable("read", object.bucket(), object.key(), ex);
		}
		if (!CodeIntake.sha256(zip).equals(sha256)) {
			logger.error("The object {} in bucket {} does not hash to {}", object.key(), object.bucket(), sha256);
			throw new PlatformException(ProblemType.CODE_STORE_UNAVAILABLE,
					"The code store gave back other bytes than the code with SHA-256 " + sha256);
		}
		return zip;
	}

	/**
	 * Deletes the object a location names. S3 answers a delete of a missing object as a
	 * success, so deleting twice is harmless.
	 */
	@Override
	public void delete(String sha256, String location) {
		ObjectName object = ObjectName.of(location);
		try {
			this.client.deleteObject((delete) -> delete.bucket(object.bucket()).key(object.key()));
		}
		catch (SdkException ex) {
			throw unavailable("delete", object.bucket(), object.key(), ex);
		}
	}

	private static PlatformException unavailable(String action, String bucket, String key, SdkException ex) {
		// The cause is for operators; the caller learns what failed, not the store's
		// address.
		logger.warn("The code store could not {} object {} in bucket {}: {}", action, key, bucket, ex.getMessage());
		String reason = (ex instanceof S3Exception s3 && s3.statusCode() == NOT_FOUND)
				? "the object or its bucket does not exist" : "the store could not be reached or refused the request";
		return new PlatformException(ProblemType.CODE_STORE_UNAVAILABLE,
				"The code store could not " + action + " the code (" + reason + "); try again later");
	}

	@Override
	public void close() {
		this.client.close();
	}

	/**
	 * An object's bucket and key, from the {@code s3://<bucket>/<key>} an artifact's row
	 * records: the bucket it was stored in, even if the store has another one now.
	 */
	private record ObjectName(String bucket, String key) {

		static ObjectName of(String location) {
			if (!location.startsWith(SCHEME) || location.indexOf('/', SCHEME.length()) < 0) {
				throw new IllegalStateException("Not an S3 location: " + location);
			}
			String path = location.substring(SCHEME.length());
			return new ObjectName(path.substring(0, path.indexOf('/')), path.substring(path.indexOf('/') + 1));
		}

	}

}
