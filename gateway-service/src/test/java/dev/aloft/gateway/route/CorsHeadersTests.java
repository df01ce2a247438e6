package dev.aloft.gateway.route;

import java.util.List;

import dev.aloft.contracts.config.FunctionUrlConfig.Cors;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CORS headers as API Gateway HTTP APIs write them.
 */
class CorsHeadersTests {

	private static final Cors EXACT = new Cors(true, List.of("authorization"), List.of("GET", "PUT"),
			List.of("https://app.example.com"), List.of("x-a", "x-b"), 600);

	private static final Cors ANYONE = new Cors(false, List.of(), List.of(), List.of("*"), List.of(), 0);

	@Test
	void originsMatchExactlyByWildcardOrByScheme() {
		assertThat(CorsHeaders.allowsOrigin(EXACT, "https://app.example.com")).isTrue();
		assertThat(CorsHeaders.allowsOrigin(EXACT, "HTTPS://APP.EXAMPLE.COM")).isTrue();
		assertThat(CorsHeaders.allowsOrigin(EXACT, "https://app.example.com.evil.com")).isFalse();
		assertThat(CorsHeaders.allowsOrigin(EXACT, "http://app.example.com")).isFalse();
		assertThat(CorsHeaders.allowsOrigin(EXACT, null)).isFalse();
		assertThat(CorsHeaders.allowsOrigin(ANYONE, "null")).isTrue();
		Cors https = new Cors(false, List.of(), List.of(), List.of("https://*"), List.of(), 0);
		assertThat(CorsHeaders.allowsOrigin(https, "https://x.example")).isTrue();
		assertThat(CorsHeaders.allowsOrigin(https, "http://x.example")).isFalse();
		assertThat(CorsHeaders.allowsOrigin(https, "https://")).isFalse();
	}

	@Test
	void preflightListsTheConfiguration() {
		MockHttpServletRequest request = preflight("https://app.example.com", "PUT");
		MockHttpServletResponse response = new MockHttpServletResponse();

		CorsHeaders.preflight(EXACT, request, response);

		assertThat(response.getStatus()).isEqualTo(204);
		assertThat(response.getHeader("Access-Control-Allow-Origin")).isEqualTo("https://app.example.com");
		assertThat(response.getHeader("Access-Control-Allow-Credentials")).isEqualTo("true");
		assertThat(response.getHeader("Access-Control-Allow-Methods")).isEqualTo("GET,PUT");
		assertThat(response.getHeader("Access-Control-Allow-Headers")).isEqualTo("authorization");
		assertThat(response.getHeader("Access-Control-Max-Age")).isEqualTo("600");
		assertThat(response.getHeader("Access-Control-Expose-Headers")).isNull();
		assertThat(response.getHeader("Vary")).isEqualTo("Origin");
	}

	@Test
	void wildcardOriginIsStarWithoutCredentialsAndTheOriginWithThem() {
		MockHttpServletResponse anyone = new MockHttpServletResponse();
		CorsHeaders.actual(ANYONE, preflight("https://a.example", "GET"), anyone);
		Cors credentialed = new Cors(true, List.of(), List.of(), List.of("*"), List.of(), 0);
		MockHttpServletResponse withCredentials = new MockHttpServletResponse();
		CorsHeaders.actual(credentialed, preflight("https://a.example", "GET"), withCredentials);

		assertThat(anyone.getHeader("Access-Control-Allow-Origin")).isEqualTo("*");
		assertThat(withCredentials.getHeader("Access-Control-Allow-Origin")).isEqualTo("https://a.example");
	}

	@Test
	void actualResponseExposesHeaders() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/x");
		request.addHeader("Origin", "https://app.example.com");
		MockHttpServletResponse response = new MockHttpServletResponse();

		CorsHeaders.actual(EXACT, request, response);

		assertThat(response.getHeader("Access-Control-Expose-Headers")).isEqualTo("x-a,x-b");
		assertThat(response.getHeader("Access-Control-Allow-Methods")).isNull();
	}

	@Test
	void onlyOptionsWithOriginAndRequestMethodIsAPreflight() {
		assertThat(CorsHeaders.isPreflight(preflight("https://a.example", "GET"))).isTrue();
		MockHttpServletRequest noMethod = new MockHttpServletRequest("OPTIONS", "/x");
		noMethod.addHeader("Origin", "https://a.example");
		assertThat(CorsHeaders.isPreflight(noMethod)).isFalse();
		assertThat(CorsHeaders.isCorsHeader("access-control-allow-origin")).isTrue();
		assertThat(CorsHeaders.isCorsHeader("Vary")).isFalse();
	}

	private static MockHttpServletRequest preflight(String origin, String method) {
		MockHttpServletRequest request = new MockHttpServletRequest("OPTIONS", "/x");
		request.addHeader("Origin", origin);
		request.addHeader("Access-Control-Request-Method", method);
		return request;
	}

}
