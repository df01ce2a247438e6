package dev.aloft.gateway.route;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Function output mapped back to HTTP by the payload-2.0 rules of
 * {@code LAMBDA-CONTRACT.md} section 4.10: a structured response, the inference rule for
 * any other valid JSON, and {@code null} (502) for anything malformed.
 */
class HttpApiResponseTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void structuredResponseCarriesStatusHeadersCookiesAndBody() {
		HttpApiResponse response = from("""
				{"statusCode":201,
				 "headers":{"Content-Type":"text/plain","X-Custom":"yes"},
				 "cookies":["a=b; Max-Age=78000","c=d"],
				 "body":"created ☃",
				 "isBase64Encoded":false}
				""");

		assertThat(response).isNotNull();
		assertThat(response.status()).isEqualTo(201);
		assertThat(response.headers()).containsExactlyInAnyOrderEntriesOf(
				Map.of("Content-Type", List.of("text/plain"), "X-Custom", List.of("yes")));
		assertThat(response.cookies()).containsExactly("a=b; Max-Age=78000", "c=d");
		assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("created ☃");
	}

	@Test
	void structuredResponseWithBase64BodyIsDecoded() {
		byte[] png = { (byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff };
		String encoded = Base64.getEncoder().encodeToString(png);

		HttpApiResponse response = from("{\"statusCode\":200,\"headers\":{\"Content-Type\":\"image/png\"},\"body\":\""
				+ encoded + "\",\"isBase64Encoded\":true}");

		assertThat(response).isNotNull();
		assertThat(response.body()).isEqualTo(png);
	}

	@Test
	void structuredResponseWithoutBodyHasAnEmptyBody() {
		HttpApiResponse response = from("{\"statusCode\":204}");

		assertThat(response).isNotNull();
		assertThat(response.status()).isEqualTo(204);
		assertThat(response.headers()).isEmpty();
		assertThat(response.cookies()).isEmpty();
		assertThat(response.body()).isEmpty();
	}

	@Test
	void structuredResponseWithNullBodyHasAnEmptyBody() {
		HttpApiResponse response = from("{\"statusCode\":200,\"body\":null}");

		assertThat(response).isNotNull();
		assertThat(response.body()).isEmpty();
	}

	@Test
	void multiValueHeadersAddOneValueEach() {
		HttpApiResponse response = from("""
				{"statusCode":200,
				 "headers":{"X-Single":"1"},
				 "multiValueHeaders":{"X-Multi":["a","b"],"Set-Cookie":["x=1","y=2"]},
				 "body":"ok"}
				""");

		assertThat(response).isNotNull();
		assertThat(response.headers()).containsEntry("X-Single", List.of("1"))
			.containsEntry("X-Multi", List.of("a", "b"))
			.containsEntry("Set-Cookie", List.of("x=1", "y=2"));
	}

	@Test
	void nonStringHeaderValuesAreWrittenAsText() {
		HttpApiResponse response = from("{\"statusCode\":200,\"headers\":{\"X-Count\":5,\"X-Flag\":true}}");

		assertThat(response).isNotNull();
		assertThat(response.headers()).containsEntry("X-Count", List.of("5")).containsEntry("X-Flag", List.of("true"));
	}

	@Test
	void jsonStringOutputIsA200JsonResponseVerbatim() {
		String output = "\"Hello, world!\"";

		HttpApiResponse response = from(output);

		assertThat(response).isNotNull();
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.headers()).containsExactly(Map.entry("Content-Type", List.of("application/json")));
		assertThat(response.cookies()).isEmpty();
		assertThat(response.body()).hasSize(15);
		assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("\"Hello, world!\"");
	}

	@ParameterizedTest
	@ValueSource(strings = { "42", "-1.5e3", "true", "null", "[1, 2, {\"statusCode\": 500}]",
			"{\"message\": \"hi\", \"status\": 500}", "{ \"nested\" : { \"statusCode\" : 404 } }", "{}" })
	void validJsonWithoutStatusCodeIsA200JsonResponseVerbatim(String output) {
		HttpApiResponse response = from(output);

		assertThat(response).isNotNull();
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.headers()).containsExactly(Map.entry("Content-Type", List.of("application/json")));
		assertThat(response.body()).isEqualTo(output.getBytes(StandardCharsets.UTF_8));
	}

	@ParameterizedTest
	@ValueSource(strings = { "not json", "{\"statusCode\":", "{\"a\":1} trailing", "\"unterminated", "" })
	void invalidJsonIsMalformed(String output) {
		assertThat(from(output)).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "99", "600", "-1", "0", "\"200\"", "\"abc\"", "true", "null", "{}", "[200]" })
	void statusCodeOutOfRangeOrNotANumberIsMalformed(String statusCode) {
		assertThat(from("{\"statusCode\":" + statusCode + ",\"body\":\"x\"}")).isNull();
	}

	@ParameterizedTest
	@ValueSource(ints = { 100, 200, 302, 404, 599 })
	void statusCodeInRangeIsAccepted(int statusCode) {
		HttpApiResponse response = from("{\"statusCode\":" + statusCode + "}");

		assertThat(response).isNotNull();
		assertThat(response.status()).isEqualTo(statusCode);
	}

	@ParameterizedTest
	@ValueSource(strings = { "not base64!", "***", "Zm9v!!!!", "héllo wörld", "Zm9v YmFy$" })
	void invalidBase64BodyIsMalformed(String body) {
		assertThat(from("{\"statusCode\":200,\"body\":\"" + body + "\",\"isBase64Encoded\":true}")).isNull();
	}

	private static HttpApiResponse from(String output) {
		return HttpApiResponse.from(output.getBytes(StandardCharsets.UTF_8), JSON);
	}

}
