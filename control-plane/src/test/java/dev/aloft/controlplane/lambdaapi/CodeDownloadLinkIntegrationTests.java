package dev.aloft.controlplane.lambdaapi;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import dev.aloft.contracts.lambda.ForwardedLambdaCalls;
import dev.aloft.controlplane.CodeZips;
import dev.aloft.controlplane.TriggerTestSupport;
import dev.aloft.testsupport.PostgresTestDatabaseInitializer;
import dev.aloft.testsupport.SettableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Runtime;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.ContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GetFunction's {@code Code.Location}: a signed, time-limited link that downloads the
 * exact zip with no credentials, and refuses to when changed in any part or expired. The
 * control plane's clock is the test's, so expiry needs no waiting.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = PostgresTestDatabaseInitializer.class)
class CodeDownloadLinkIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	@Autowired
	private SettableClock clock;

	private LambdaClient lambda;

	private final HttpClient http = HttpClient.newHttpClient();

	@BeforeEach
	void setUp() {
		this.clock.set(Instant.now());
		this.lambda = SdkLambdaClients.admin(this.port);
	}

	@AfterEach
	void close() {
		this.lambda.close();
	}

	@Test
	void linkDownloadsTheExactZipWithoutCredentials() throws Exception {
		byte[] zip = CodeZips.pythonApp(TriggerTestSupport.uniqueName("download"));
		String name = create(zip);

		String location = this.lambda.getFunction((get) -> get.functionName(name)).code().location();

		HttpResponse<byte[]> download = get(location);
		assertThat(download.statusCode()).isEqualTo(200);
		assertThat(download.headers().firstValue("Content-Type")).hasValue("application/zip");
		assertThat(download.body()).isEqualTo(zip);
		// A published version's link downloads its code too.
		this.lambda.publishVersion((publish) -> publish.functionName(name));
		assertThat(
				get(this.lambda.getFunction((get) -> get.functionName(name).qualifier("1")).code().location()).body())
			.isEqualTo(zip);
	}

	@Test
	void linkPointsAtTheGatewayTheCallCameThrough() throws Exception {
		String name = create(CodeZips.pythonApp(TriggerTestSupport.uniqueName("via-gateway")));

		String location = this.lambda
			.getFunction((get) -> get.functionName(name)
				.overrideConfiguration((call) -> call.putHeader(ForwardedLambdaCalls.PUBLIC_BASE_URL,
						"https://lambda.example.test:8443")))
			.code()
			.location();
		String malformed = this.lambda
			.getFunction((get) -> get.functionName(name)
				.overrideConfiguration(
						(call) -> call.putHeader(ForwardedLambdaCalls.PUBLIC_BASE_URL, "javascript:alert(1)")))
			.code()
			.location();

		assertThat(location).startsWith("https://lambda.example.test:8443" + ForwardedLambdaCalls.CODE_DOWNLOAD_PREFIX);
		assertThat(malformed).as("only an http(s) base URL is taken").startsWith("http://127.0.0.1:");
	}

	@Test
	void linkWorksForTenMinutesOnly() throws Exception {
		String name = create(CodeZips.pythonApp(TriggerTestSupport.uniqueName("expiry")));
		String location = this.lambda.getFunction((get) -> get.functionName(name)).code().location();

		this.clock.advance(Duration.ofMinutes(9));
		assertThat(get(location).statusCode()).isEqualTo(200);

		this.clock.advance(Duration.ofMinutes(1).plusSeconds(1));
		HttpResponse<byte[]> expired = get(location);
		assertRefused(expired);
		assertThat(JSON.readTree(expired.body()).get("detail").asString()).contains("expired");
	}

	@Test
	void changedLinkIsRefused() throws Exception {
		byte[] zip = CodeZips.pythonApp(TriggerTestSupport.uniqueName("tamper"));
		String name = create(zip);
		String otherName = create(CodeZips.pythonApp(TriggerTestSupport.uniqueName("other")));
		String location = this.lambda.getFunction((get) -> get.functionName(name)).code().location();
		String other = this.lambda.getFunction((get) -> get.functionName(otherName)).code().location();
		Map<String, String> parts = parts(location);
		Map<String, String> otherParts = parts(other);
		String signature = parts.get("Signature");
		String flipped = ((signature.charAt(0) == 'A') ? "B" : "A") + signature.substring(1);

		assertRefused(get(location.replace("Signature=" + signature, "Signature=" + flipped)));
		assertRefused(get(location.replace("Expires=" + parts.get("Expires"),
				"Expires=" + (Long.parseLong(parts.get("Expires")) + 3600))));
		assertRefused(get(location.replace(parts.get("sha256"), otherParts.get("sha256"))));
		assertRefused(get(location.substring(0, location.indexOf('?'))));
		assertRefused(get(location.replace("Expires=" + parts.get("Expires"), "Expires=soon")));
		assertThat(get(location).body()).isEqualTo(zip);
	}

	private String create(byte[] zip) {
		String name = TriggerTestSupport.uniqueName("fn");
		this.lambda.createFunction((create) -> create.functionName(name)
			.runtime(Runtime.PYTHON3_12)
			.handler("app.handler")
			.role("arn:aws:iam::000000000000:role/lambda")
			.code((code) -> code.zipFile(SdkBytes.fromByteArray(zip))));
		return name;
	}

	private HttpResponse<byte[]> get(String location) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(location)).build(),
				HttpResponse.BodyHandlers.ofByteArray());
	}

	private static void assertRefused(HttpResponse<byte[]> response) {
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(JSON.readTree(response.body()).get("code").asString()).isEqualTo("DOWNLOAD_LINK_REFUSED");
	}

	private static Map<String, String> parts(String location) {
		URI uri = URI.create(location);
		String path = uri.getPath();
		Map<String, String> parts = new HashMap<>();
		parts.put("sha256", path.substring(path.lastIndexOf('/') + 1));
		for (String parameter : uri.getRawQuery().split("&")) {
			int equals = parameter.indexOf('=');
			parts.put(parameter.substring(0, equals), parameter.substring(equals + 1));
		}
		return parts;
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class ClockConfiguration {

		@Bean
		SettableClock settableClock() {
			return new SettableClock();
		}

	}

}
