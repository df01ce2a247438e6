package dev.aloft.gateway.route;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import dev.aloft.contracts.config.AccessKeyConfig;
import dev.aloft.contracts.config.ConfigResource;
import dev.aloft.contracts.config.FunctionPermissionConfig;
import dev.aloft.contracts.config.FunctionVersionConfig;
import dev.aloft.contracts.config.NamespaceConfig;
import dev.aloft.contracts.config.ResourceKind;
import dev.aloft.contracts.config.RouteAuth;
import dev.aloft.contracts.config.RouteConfig;
import dev.aloft.gateway.fakes.Answer;
import dev.aloft.gateway.fakes.FakeControlPlane;
import dev.aloft.gateway.fakes.FakeService;
import dev.aloft.gateway.fakes.Jwts;
import dev.aloft.gateway.fakes.Recorded;
import dev.aloft.gateway.fakes.Signer;
import dev.aloft.secrets.MasterKey;
import dev.aloft.secrets.SecretBox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Route auth end to end: API keys, JWTs (HS256 with the route's sealed secret, RS256 with
 * keys from a JWKS served on loopback), and AWS Signature V4 with invoke rights; refusals
 * as API Gateway writes them, and the authorizer's context in the event.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class RouteAuthIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final MasterKey MASTER_KEY = MasterKey.fromBase64(System.getenv("ALOFT_MASTER_KEY"));

	private static final String API_KEY = "s3cr3t-api-key";

	private static final String HS_SECRET = "route-hs256-secret-of-at-least-32-bytes!";

	private static final String ISSUER = "https://issuer.example.com";

	private static final String INVOKER_KEY = "AKIAROUTEINVOKER0001";

	private static final String VIEWER_KEY = "AKIAROUTEVIEWER00001";

	private static final String KEY_SECRET = "routeSecret00000000000000000000000000000";

	private static final KeyPair FIRST_RSA = Jwts.rsaKeyPair();

	private static final KeyPair ROTATED_RSA = Jwts.rsaKeyPair();

	private static final AtomicInteger JWKS_FETCHES = new AtomicInteger();

	private static volatile String jwks = Jwts.jwks(Jwts.jwk(FIRST_RSA, "first"));

	private static final HttpServer JWKS_SERVER = jwksServer();

	private static final FakeControlPlane CONTROL_PLANE = FakeControlPlane.start(5,
			List.<ConfigResource>of(new NamespaceConfig("default", "000000000000"),
					new FunctionVersionConfig("default", "hello", FunctionVersionConfig.LATEST, "rev-1", "python3.12",
							"app.handler", 128, 3, 512, Map.of(), "0".repeat(64), 1234),
					route("r-key", "/keyed", new RouteAuth("API_KEY", List.of(sha256(API_KEY)), null)),
					route("r-hs", "/hs",
							new RouteAuth("JWT", List.of(),
									new RouteAuth.Jwt(ISSUER, List.of("api", "other"),
											new SecretBox(MASTER_KEY).seal(HS_SECRET, "route-jwt:r-hs"), null))),
					route("r-rs", "/rs",
							new RouteAuth("JWT", List.of(),
									new RouteAuth.Jwt(ISSUER, List.of("api"), null,
											"http://127.0.0.1:" + JWKS_SERVER.getAddress().getPort() + "/jwks"))),
					route("r-iam", "/iam", new RouteAuth("AWS_IAM", List.of(), null)),
					accessKey(INVOKER_KEY, Map.of("default", "INVOKER")),
					accessKey(VIEWER_KEY, Map.of("default", "VIEWER"))));

	private static final FakeService INVOKER = FakeService.start();

	private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void gatewayProperties(DynamicPropertyRegistry registry) {
		CONTROL_PLANE.register(registry);
		registry.add("aloft.gateway.invokers.urls", () -> INVOKER.uri().toString());
		registry.add("aloft.gateway.event-router.url", () -> "http://127.0.0.1:9");
		// Unit tests hold the refetch interval; here a rotated key is fetched at once.
		registry.add("aloft.gateway.auth.jwks-refetch-interval", () -> "0s");
	}

	@AfterAll
	static void stopFakes() {
		INVOKER.close();
		CONTROL_PLANE.close();
		JWKS_SERVER.stop(0);
	}

	@BeforeEach
	void reset() {
		INVOKER.reset(Answer.success("{\"statusCode\":200,\"body\":\"ok\"}"));
		CONTROL_PLANE.awaitFollowerAt(CONTROL_PLANE.revision());
	}

	@Test
	void apiKeyRouteTakesOnlyAKeyItHoldsTheDigestOf() throws Exception {
		assertUnauthorized(send(request("/keyed").GET()));
		assertUnauthorized(send(request("/keyed").header("x-api-key", "wrong").GET()));
		assertThat(INVOKER.requests()).isEmpty();

		HttpResponse<String> accepted = send(request("/keyed").header("X-Api-Key", API_KEY).GET());

		assertThat(accepted.statusCode()).isEqualTo(200);
		assertThat(accepted.body()).isEqualTo("ok");
		assertThat(onlyEvent().get("requestContext").has("authorizer")).isFalse();
	}

	@Test
	void hs256TokenReachesTheFunctionWithItsClaimsAndScopes() throws Exception {
		Map<String, Object> claims = claims("api");
		claims.put("sub", "user-1");
		claims.put("scope", "read write");
		claims.put("groups", List.of("admin", "dev"));

		HttpResponse<String> response = send(
				request("/hs").header("Authorization", "Bearer " + Jwts.hs256(HS_SECRET, claims)).GET());

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode jwt = onlyEvent().get("requestContext").get("authorizer").get("jwt");
		assertThat(jwt.get("claims").get("sub").asString()).isEqualTo("user-1");
		assertThat(jwt.get("claims").get("iss").asString()).isEqualTo(ISSUER);
		assertThat(jwt.get("claims").get("groups").asString()).isEqualTo("[admin dev]");
		assertThat(jwt.get("claims").get("exp").isString()).isTrue();
		assertThat(jwt.get("scopes").get(0).asString()).isEqualTo("read");
		assertThat(jwt.get("scopes").get(1).asString()).isEqualTo("write");
	}

	@Test
	void tokenWithoutBearerPrefixIsAcceptedAsApiGatewayDoes() throws Exception {
		HttpResponse<String> response = send(
				request("/hs").header("Authorization", Jwts.hs256(HS_SECRET, claims("other"))).GET());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(onlyEvent().get("requestContext").get("authorizer").get("jwt").get("scopes").isNull()).isTrue();
	}

	@Test
	void badTokensAreUnauthorized() throws Exception {
		Map<String, Object> expired = claims("api");
		expired.put("exp", Instant.now().minusSeconds(3600).getEpochSecond());
		Map<String, Object> otherIssuer = claims("api");
		otherIssuer.put("iss", "https://evil.example.com");

		assertUnauthorized(send(request("/hs").GET()));
		assertUnauthorized(send(request("/hs").header("Authorization", "Bearer not.a.jwt").GET()));
		assertUnauthorized(
				send(request("/hs").header("Authorization", "Bearer " + Jwts.hs256(HS_SECRET, expired)).GET()));
		assertUnauthorized(
				send(request("/hs").header("Authorization", "Bearer " + Jwts.hs256(HS_SECRET, otherIssuer)).GET()));
		assertUnauthorized(send(
				request("/hs").header("Authorization", "Bearer " + Jwts.hs256(HS_SECRET, claims("nobody"))).GET()));
		assertUnauthorized(send(
				request("/hs").header("Authorization", "Bearer " + Jwts.hs256("another-secret", claims("api"))).GET()));
		// An RS256 token on an HS256 route: the route, not the token, names the
		// algorithm.
		assertUnauthorized(
				send(request("/hs").header("Authorization", "Bearer " + Jwts.rs256(FIRST_RSA, "first", claims("api")))
					.GET()));
		assertThat(INVOKER.requests()).isEmpty();
	}

	@Test
	void rs256TokenIsVerifiedWithKeysFromTheJwksAndARotatedKeyIsFetched() throws Exception {
		HttpResponse<String> first = send(
				request("/rs").header("Authorization", "Bearer " + Jwts.rs256(FIRST_RSA, "first", claims("api")))
					.GET());
		assertThat(first.statusCode()).isEqualTo(200);
		int fetches = JWKS_FETCHES.get();

		send(request("/rs").header("Authorization", "Bearer " + Jwts.rs256(FIRST_RSA, "first", claims("api"))).GET());
		assertThat(JWKS_FETCHES.get()).as("cached").isEqualTo(fetches);

		jwks = Jwts.jwks(Jwts.jwk(FIRST_RSA, "first"), Jwts.jwk(ROTATED_RSA, "rotated"));
		HttpResponse<String> rotated = send(
				request("/rs").header("Authorization", "Bearer " + Jwts.rs256(ROTATED_RSA, "rotated", claims("api")))
					.GET());

		assertThat(rotated.statusCode()).isEqualTo(200);
		assertThat(JWKS_FETCHES.get()).isEqualTo(fetches + 1);
		// A key id nobody published, signed by a key the JWKS does not hold.
		assertUnauthorized(send(request("/rs")
			.header("Authorization", "Bearer " + Jwts.rs256(Jwts.rsaKeyPair(), "first", claims("api")))
			.GET()));
	}

	@Test
	void iamRouteTakesASignatureByAKeyWithInvokeRights() throws Exception {
		byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
		URI uri = uri("/iam?x=1");

		HttpResponse<String> response = send(signed(uri, body, "execute-api", INVOKER_KEY));

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode iam = onlyEvent().get("requestContext").get("authorizer").get("iam");
		assertThat(iam.get("accessKey").asString()).isEqualTo(INVOKER_KEY);
		assertThat(iam.get("accountId").asString()).isEqualTo("000000000000");
		assertThat(iam.get("userArn").asString()).isEqualTo("arn:aws:iam::000000000000:user/" + INVOKER_KEY);
		assertThat(iam.has("cognitoIdentity")).isTrue();
		assertThat(send(signed(uri, body, "lambda", INVOKER_KEY)).statusCode()).isEqualTo(200);
	}

	@Test
	void iamRouteRefusesMissingBadAndPowerlessSignatures() throws Exception {
		byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
		URI uri = uri("/iam");

		assertUnauthorized(send(request("/iam").POST(BodyPublishers.ofByteArray(body))));
		assertUnauthorized(send(signed(uri, body, "s3", INVOKER_KEY)));
		HttpRequest.Builder tampered = HttpRequest.newBuilder(uri).POST(BodyPublishers.ofString("{\"changed\":true}"));
		Signer.headers("POST", uri, body, "execute-api", INVOKER_KEY, KEY_SECRET).forEach(tampered::header);
		assertUnauthorized(send(tampered));

		HttpResponse<String> viewer = send(signed(uri, body, "execute-api", VIEWER_KEY));
		assertThat(viewer.statusCode()).isEqualTo(403);
		assertThat(JSON.readTree(viewer.body())).isEqualTo(JSON.readTree("{\"message\":\"Forbidden\"}"));
		assertThat(INVOKER.requests()).isEmpty();
	}

	@Test
	void iamRouteTakesAKeyWithoutInvokeRightsWhenTheFunctionsPolicyCoversTheRoutesQualifier() throws Exception {
		byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
		URI uri = uri("/iam");
		FunctionPermissionConfig live = new FunctionPermissionConfig("default", "hello", "live", VIEWER_KEY, "live");
		FunctionPermissionConfig latest = new FunctionPermissionConfig("default", "hello", "latest", VIEWER_KEY,
				FunctionVersionConfig.LATEST);
		try {
			CONTROL_PLANE.awaitFollowerAt(CONTROL_PLANE.publish(live));
			assertThat(send(signed(uri, body, "execute-api", VIEWER_KEY)).statusCode())
				.as("the route invokes $LATEST, which the statement does not cover")
				.isEqualTo(403);
			assertThat(INVOKER.requests()).isEmpty();

			CONTROL_PLANE.awaitFollowerAt(CONTROL_PLANE.publish(latest));
			assertThat(send(signed(uri, body, "execute-api", VIEWER_KEY)).statusCode()).isEqualTo(200);
			assertThat(onlyEvent().get("requestContext").get("authorizer").get("iam").get("accessKey").asString())
				.isEqualTo(VIEWER_KEY);
		}
		finally {
			CONTROL_PLANE.delete(ResourceKind.FUNCTION_PERMISSION, live.key());
			CONTROL_PLANE.awaitFollowerAt(CONTROL_PLANE.delete(ResourceKind.FUNCTION_PERMISSION, latest.key()));
		}
	}

	private HttpRequest.Builder signed(URI uri, byte[] body, String service, String accessKeyId) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri).POST(BodyPublishers.ofByteArray(body));
		Signer.headers("POST", uri, body, service, accessKeyId, KEY_SECRET).forEach(request::header);
		return request;
	}

	private static void assertUnauthorized(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		assertThat(JSON.readTree(response.body())).isEqualTo(JSON.readTree("{\"message\":\"Unauthorized\"}"));
	}

	private static Map<String, Object> claims(String audience) {
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("iss", ISSUER);
		claims.put("aud", audience);
		claims.put("exp", Instant.now().plusSeconds(600).getEpochSecond());
		claims.put("nbf", Instant.now().minusSeconds(10).getEpochSecond());
		return claims;
	}

	private static JsonNode onlyEvent() {
		List<Recorded> requests = INVOKER.requests();
		assertThat(requests).hasSize(1);
		return JSON.readTree(requests.get(0).body());
	}

	private URI uri(String pathAndQuery) {
		return URI.create("http://127.0.0.1:" + this.port + pathAndQuery);
	}

	private HttpRequest.Builder request(String pathAndQuery) {
		return HttpRequest.newBuilder(uri(pathAndQuery));
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return this.client.send(request.build(), BodyHandlers.ofString());
	}

	private static RouteConfig route(String id, String path, RouteAuth auth) {
		return new RouteConfig(id, "default", "ANY", path, "hello", FunctionVersionConfig.LATEST, auth, null, false);
	}

	private static AccessKeyConfig accessKey(String accessKeyId, Map<String, String> roles) {
		return new AccessKeyConfig(accessKeyId, new SecretBox(MASTER_KEY).seal(KEY_SECRET, "access-key:" + accessKeyId),
				true, roles);
	}

	private static String sha256(String key) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static HttpServer jwksServer() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			server.createContext("/jwks", (exchange) -> {
				JWKS_FETCHES.incrementAndGet();
				byte[] bytes = jwks.getBytes(StandardCharsets.UTF_8);
				try (exchange) {
					exchange.getResponseHeaders().set("Content-Type", "application/json");
					exchange.sendResponseHeaders(200, bytes.length);
					exchange.getResponseBody().write(bytes);
				}
			});
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
