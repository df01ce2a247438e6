package dev.aloft.gateway.route;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import dev.aloft.contracts.config.RouteConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The payload-2.0 event as {@code LAMBDA-CONTRACT.md} section 4.10 gives it, checked on
 * its JSON form: field names, what is left out, and how headers, cookies, query strings
 * and bodies are carried.
 */
class HttpApiEventsTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String REQUEST_ID = "c6af9ac6-7b61-11e6-9a41-93e8deadbeef";

	private static final String ACCOUNT_ID = "123456789012";

	private static final Instant RECEIVED = Instant.parse("2020-03-12T19:03:58.390Z");

	private static final RouteTable ROUTES = RouteTable
		.of(List.of(new RouteConfig("r1", "default", "POST", "/hello/{name}", "hello", "$LATEST"),
				new RouteConfig("r2", "default", "GET", "/hello/{name}", "hello", "$LATEST"),
				new RouteConfig("r3", "default", "ANY", "/plain", "plain", "$LATEST")));

	@Test
	void representativeRequestMatchesTheGoldenEvent() throws IOException {
		MockHttpServletRequest request = request("POST", "/hello/John%20Doe");
		request.setQueryString("greeting=hi&tag=a&tag=b&note=x%20y");
		request.setRemoteAddr("203.0.113.7");
		request.addHeader("Host", "api.example.com:8443");
		request.addHeader("User-Agent", "curl/8.5.0");
		request.addHeader("Content-Type", "application/json");
		request.addHeader("Accept", "text/html");
		request.addHeader("Accept", "application/json");
		request.addHeader("X-Custom-Header", "Value");
		request.addHeader("Cookie", "session=abc123; theme=dark");
		byte[] body = "{\"message\":\"Hello from client!\"}".getBytes(StandardCharsets.UTF_8);

		JsonNode event = event(request, body);

		assertThat(event).isEqualTo(fixture("http-api-event-post.json"));
	}

	@Test
	void topLevelFieldNamesAreThoseOfPayloadFormat2() {
		MockHttpServletRequest request = request("POST", "/hello/world");
		request.setQueryString("a=1");
		request.addHeader("Cookie", "a=1");
		request.addHeader("Content-Type", "text/plain");

		JsonNode event = event(request, "hi".getBytes(StandardCharsets.UTF_8));

		assertThat(fieldNames(event)).containsExactlyInAnyOrder("version", "routeKey", "rawPath", "rawQueryString",
				"cookies", "headers", "queryStringParameters", "requestContext", "body", "pathParameters",
				"isBase64Encoded");
		assertThat(fieldNames(event.get("requestContext"))).containsExactlyInAnyOrder("accountId", "apiId",
				"domainName", "domainPrefix", "http", "requestId", "routeKey", "stage", "time", "timeEpoch");
		assertThat(fieldNames(event.get("requestContext").get("http"))).containsExactlyInAnyOrder("method", "path",
				"protocol", "sourceIp", "userAgent");
		assertThat(event.get("version").asString()).isEqualTo("2.0");
		assertThat(event.get("isBase64Encoded").isBoolean()).isTrue();
	}

	@Test
	void minimalRequestLeavesOptionalFieldsOut() {
		MockHttpServletRequest request = request("GET", "/plain");

		JsonNode event = event(request, new byte[0]);

		assertThat(event.has("cookies")).isFalse();
		assertThat(event.has("queryStringParameters")).isFalse();
		assertThat(event.has("pathParameters")).isFalse();
		assertThat(event.has("body")).isFalse();
		assertThat(event.has("stageVariables")).isFalse();
		assertThat(event.get("rawQueryString").isString()).isTrue();
		assertThat(event.get("rawQueryString").asString()).isEmpty();
		assertThat(event.get("isBase64Encoded").asBoolean()).isFalse();
		assertThat(event.get("headers").isObject()).isTrue();
		assertThat(event.get("routeKey").asString()).isEqualTo("ANY /plain");
		assertThat(event.get("rawPath").asString()).isEqualTo("/plain");
	}

	@Test
	void headerNamesAreLowerCasedAndRepeatedHeadersJoinedWithCommas() {
		MockHttpServletRequest request = request("GET", "/plain");
		request.addHeader("X-Custom-Header", "Value");
		request.addHeader("X-Multi", "one");
		request.addHeader("X-Multi", "two");
		request.addHeader("X-Multi", "three");
		request.addHeader("ACCEPT", "*/*");

		JsonNode headers = event(request, new byte[0]).get("headers");

		assertThat(fieldNames(headers)).containsExactlyInAnyOrder("x-custom-header", "x-multi", "accept");
		assertThat(headers.get("x-custom-header").asString()).isEqualTo("Value");
		assertThat(headers.get("x-multi").asString()).isEqualTo("one,two,three");
		assertThat(headers.get("accept").asString()).isEqualTo("*/*");
	}

	@Test
	void cookieHeadersMoveToCookiesSplitPerCookie() {
		MockHttpServletRequest request = request("GET", "/plain");
		request.addHeader("Cookie", "a=1; b=2;c=3");
		request.addHeader("Cookie", "d=4");
		request.addHeader("X-Other", "x");

		JsonNode event = event(request, new byte[0]);

		assertThat(strings(event.get("cookies"))).containsExactly("a=1", "b=2", "c=3", "d=4");
		assertThat(event.get("headers").has("cookie")).isFalse();
		assertThat(fieldNames(event.get("headers"))).containsExactly("x-other");
	}

	@Test
	void rawQueryStringHasNoQuestionMarkAndParametersAreDecodedAndJoined() {
		MockHttpServletRequest request = request("GET", "/plain");
		request.setQueryString("parameter1=value1&parameter1=value2&parameter2=value&name%20x=a%2Cb%26c&flag");

		JsonNode event = event(request, new byte[0]);

		assertThat(event.get("rawQueryString").asString())
			.isEqualTo("parameter1=value1&parameter1=value2&parameter2=value&name%20x=a%2Cb%26c&flag");
		JsonNode parameters = event.get("queryStringParameters");
		assertThat(fieldNames(parameters)).containsExactlyInAnyOrder("parameter1", "parameter2", "name x", "flag");
		assertThat(parameters.get("parameter1").asString()).isEqualTo("value1,value2");
		assertThat(parameters.get("parameter2").asString()).isEqualTo("value");
		assertThat(parameters.get("name x").asString()).isEqualTo("a,b&c");
		assertThat(parameters.get("flag").asString()).isEmpty();
	}

	@Test
	void pathParametersAreDecoded() {
		MockHttpServletRequest request = request("GET", "/hello/caf%C3%A9%20au%20lait");

		JsonNode event = event(request, new byte[0]);

		assertThat(event.get("pathParameters").get("name").asString()).isEqualTo("café au lait");
		assertThat(event.get("rawPath").asString()).isEqualTo("/hello/caf%C3%A9%20au%20lait");
		assertThat(event.get("requestContext").get("http").get("path").asString())
			.isEqualTo("/hello/caf%C3%A9%20au%20lait");
		assertThat(event.get("routeKey").asString()).isEqualTo("GET /hello/{name}");
		assertThat(event.get("requestContext").get("routeKey").asString()).isEqualTo("GET /hello/{name}");
	}

	@ParameterizedTest
	@ValueSource(strings = { "application/json", "application/json; charset=utf-8", "application/vnd.api+json",
			"text/plain", "text/html;charset=UTF-8", "application/xml", "application/x-www-form-urlencoded" })
	void textualBodiesAreCarriedAsText(String contentType) {
		MockHttpServletRequest request = request("POST", "/hello/world");
		request.setContentType(contentType);
		String text = "{\"name\":\"Zoë ☃\"}";

		JsonNode event = event(request, text.getBytes(StandardCharsets.UTF_8));

		assertThat(event.get("body").asString()).isEqualTo(text);
		assertThat(event.get("isBase64Encoded").asBoolean()).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "application/octet-stream", "image/png", "application/zip" })
	void binaryBodiesAreBase64Encoded(String contentType) {
		MockHttpServletRequest request = request("POST", "/hello/world");
		request.setContentType(contentType);
		byte[] body = { (byte) 0x89, 'P', 'N', 'G', 0, 1, 2, (byte) 0xff };

		JsonNode event = event(request, body);

		assertThat(event.get("isBase64Encoded").asBoolean()).isTrue();
		assertThat(event.get("body").asString()).isEqualTo(Base64.getEncoder().encodeToString(body));
		assertThat(Base64.getDecoder().decode(event.get("body").asString())).isEqualTo(body);
	}

	@Test
	void invalidUtf8UnderATextualContentTypeIsBase64Encoded() {
		MockHttpServletRequest request = request("POST", "/hello/world");
		request.setContentType("application/json");
		byte[] body = { '{', '"', 'a', '"', ':', '"', (byte) 0xc3, (byte) 0x28, '"', '}' };

		JsonNode event = event(request, body);

		assertThat(event.get("isBase64Encoded").asBoolean()).isTrue();
		assertThat(Base64.getDecoder().decode(event.get("body").asString())).isEqualTo(body);
	}

	@Test
	void emptyBodyIsAbsentWhateverTheContentType() {
		MockHttpServletRequest request = request("POST", "/hello/world");
		request.setContentType("application/octet-stream");

		JsonNode event = event(request, new byte[0]);

		assertThat(event.has("body")).isFalse();
		assertThat(event.get("isBase64Encoded").asBoolean()).isFalse();
	}

	@Test
	void requestContextDescribesTheRequest() {
		MockHttpServletRequest request = request("GET", "/hello/world");
		request.setRemoteAddr("198.51.100.4");
		request.addHeader("Host", "my-api.example.org:8080");
		request.addHeader("User-Agent", "agent/1.0");

		JsonNode context = event(request, new byte[0]).get("requestContext");

		assertThat(context.get("accountId").asString()).isEqualTo(ACCOUNT_ID);
		assertThat(context.get("domainName").asString()).isEqualTo("my-api.example.org");
		assertThat(context.get("domainPrefix").asString()).isEqualTo("my-api");
		assertThat(context.get("requestId").asString()).isEqualTo(REQUEST_ID);
		assertThat(context.get("stage").asString()).isEqualTo("$default");
		JsonNode http = context.get("http");
		assertThat(http.get("method").asString()).isEqualTo("GET");
		assertThat(http.get("path").asString()).isEqualTo("/hello/world");
		assertThat(http.get("protocol").asString()).isEqualTo("HTTP/1.1");
		assertThat(http.get("sourceIp").asString()).isEqualTo("198.51.100.4");
		assertThat(http.get("userAgent").asString()).isEqualTo("agent/1.0");
	}

	@Test
	void userAgentIsEmptyWhenNotSent() {
		JsonNode http = event(request("GET", "/plain"), new byte[0]).get("requestContext").get("http");

		assertThat(http.get("userAgent").isString()).isTrue();
		assertThat(http.get("userAgent").asString()).isEmpty();
	}

	@Test
	void domainNameComesFromTheServerNameWithoutAHostHeader() {
		MockHttpServletRequest request = request("GET", "/plain");
		request.setServerName("gateway.internal");
		request.setServerPort(9000);

		JsonNode context = event(request, new byte[0]).get("requestContext");

		assertThat(context.get("domainName").asString()).isEqualTo("gateway.internal");
		assertThat(context.get("domainPrefix").asString()).isEqualTo("gateway");
	}

	@Test
	void ipv6HostKeepsItsBracketsButNotItsPort() {
		MockHttpServletRequest request = request("GET", "/plain");
		request.addHeader("Host", "[::1]:8080");

		JsonNode context = event(request, new byte[0]).get("requestContext");

		assertThat(context.get("domainName").asString()).isEqualTo("[::1]");
	}

	@Test
	void timeIsInApiGatewayFormatAndTimeEpochIsEpochMillis() {
		Instant received = Instant.parse("2024-01-05T03:04:05.678Z");
		HttpApiEvent event = HttpApiEvents.of(request("GET", "/plain"), new byte[0],
				ROUTES.match("GET", "/plain").orElseThrow(), REQUEST_ID, ACCOUNT_ID, received);

		JsonNode context = JSON.readTree(JSON.writeValueAsString(event)).get("requestContext");

		assertThat(context.get("time").asString()).isEqualTo("05/Jan/2024:03:04:05 +0000");
		assertThat(context.get("time").asString()).matches("\\d{2}/[A-Z][a-z]{2}/\\d{4}:\\d{2}:\\d{2}:\\d{2} \\+0000");
		assertThat(context.get("timeEpoch").isIntegralNumber()).isTrue();
		assertThat(context.get("timeEpoch").asLong()).isEqualTo(1704423845678L);
	}

	private static MockHttpServletRequest request(String method, String uri) {
		MockHttpServletRequest request = new MockHttpServletRequest(method, uri);
		request.setProtocol("HTTP/1.1");
		return request;
	}

	private static JsonNode event(MockHttpServletRequest request, byte[] body) {
		RouteMatch match = ROUTES.match(request.getMethod(), request.getRequestURI()).orElseThrow();
		HttpApiEvent event = HttpApiEvents.of(request, body, match, REQUEST_ID, ACCOUNT_ID, RECEIVED);
		return JSON.readTree(JSON.writeValueAsString(event));
	}

	private static JsonNode fixture(String name) throws IOException {
		try (InputStream in = HttpApiEventsTests.class.getResourceAsStream("/fixtures/" + name)) {
			assertThat(in).as(name).isNotNull();
			return JSON.readTree(in);
		}
	}

	private static List<String> fieldNames(JsonNode node) {
		List<String> names = new ArrayList<>();
		node.propertyNames().forEach(names::add);
		return names;
	}

	private static List<String> strings(JsonNode array) {
		List<String> values = new ArrayList<>();
		array.forEach((value) -> values.add(value.asString()));
		return values;
	}

}
