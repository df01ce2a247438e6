package dev.aloft.controlplane.lambdaapi;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import dev.aloft.controlplane.ControlPlaneClient;
import dev.aloft.controlplane.system.JdkSdkHttpClient;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The AWS SDK's {@code LambdaClient} as the Lambda API tests use it: pointed at the
 * control plane on loopback, signing with a given key, never retrying (a test sees every
 * answer as it came).
 */
final class SdkLambdaClients {

	private SdkLambdaClients() {
	}

	/**
	 * A client signing as a key.
	 * @param port the control plane's port
	 * @param accessKeyId the key
	 * @param secret its secret
	 * @return the client; close it when done
	 */
	static LambdaClient signingAs(int port, String accessKeyId, String secret) {
		return LambdaClient.builder()
			.httpClient(new JdkSdkHttpClient(Duration.ofSeconds(30)))
			.endpointOverride(URI.create("http://127.0.0.1:" + port))
			.region(Region.US_EAST_1)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secret)))
			.overrideConfiguration((config) -> config.retryStrategy(AwsRetryStrategy.doNotRetry()))
			.build();
	}

	/**
	 * A client signing as a new access key that holds a role in a namespace.
	 * @param port the control plane's port
	 * @param admin the administrator, who creates the key and binds the role
	 * @param namespace the namespace
	 * @param role the role, e.g. {@code DEVELOPER}
	 * @return the client; close it when done
	 */
	static LambdaClient withRole(int port, ControlPlaneClient admin, String namespace, String role) {
		JsonNode key = admin.post("/v1/access-keys", Map.of()).getBody();
		String id = key.get("accessKeyId").asString();
		assertThat(admin.put("/v1/namespaces/" + namespace + "/role-bindings/" + id, null, Map.of("role", role))
			.getStatusCode()).isEqualTo(HttpStatus.OK);
		return signingAs(port, id, key.get("secretAccessKey").asString());
	}

	/**
	 * A client signing as the test administrator.
	 * @param port the control plane's port
	 * @return the client; close it when done
	 */
	static LambdaClient admin(int port) {
		return signingAs(port, ControlPlaneClient.ADMIN_ACCESS_KEY_ID, ControlPlaneClient.ADMIN_SECRET);
	}

}
