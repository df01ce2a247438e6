package dev.aloft.sigv4;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The official AWS SigV4 test suite (fixtures/sigv4-test-suite.json): every request must
 * verify, and where the suite gives the canonical request, ours must be the same text.
 */
class AwsTestSuiteTests {

	private static final Map<String, Object> SUITE = load();

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void verifiesTheSuitesSignature(String name, Map<String, Object> testCase) {
		SignedRequest request = request(testCase);

		VerificationResult result = verifier(request).verify(request);

		assertThat(result).isInstanceOf(Verified.class);
		Verified verified = (Verified) result;
		assertThat(verified.accessKeyId()).isEqualTo("AKIDEXAMPLE");
		assertThat(verified.region()).isEqualTo("us-east-1");
		assertThat(verified.service()).isEqualTo("service");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void buildsTheSuitesCanonicalRequest(String name, Map<String, Object> testCase) {
		String expected = (String) testCase.get("canonicalRequest");
		if (expected == null) {
			return;
		}
		SignedRequest request = request(testCase);
		SignatureParameters parameters = AuthorizationHeader.parse((String) testCase.get("authorization"),
				request.headers());

		String canonical = CanonicalRequest.of(request, QueryString.parse(request.rawQuery()), parameters,
				request.payload().sha256Hex());

		assertThat(canonical).isEqualTo(expected);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void rejectsTheSuitesRequestWithAnotherSecret(String name, Map<String, Object> testCase) {
		SignedRequest request = request(testCase);
		SigV4Verifier verifier = SigV4Verifier
			.builder((key) -> java.util.Optional
				.of(new SigningCredentials("not-the-secret", request.headers().first("x-amz-security-token"))))
			.clock(clock())
			.build();

		assertThat(verifier.verify(request)).isInstanceOfSatisfying(Rejected.class,
				(rejected) -> assertThat(rejected.code()).isEqualTo(RejectionCode.INVALID_SIGNATURE));
	}

	static Stream<Arguments> cases() {
		List<Map<String, Object>> cases = JsonPath.read(SUITE, "$.cases");
		return cases.stream().map((testCase) -> Arguments.of(testCase.get("name"), testCase));
	}

	private static SigV4Verifier verifier(SignedRequest request) {
		String secret = (String) SUITE.get("secretAccessKey");
		// The sts cases carry a session token; the others use a long-term key.
		SigningCredentials credentials = request.headers().contains("x-amz-security-token")
				? SigningCredentials.withSessionToken(secret, (String) SUITE.get("sessionToken"))
				: SigningCredentials.of(secret);
		return SigV4Verifier.builder(CredentialsLookup.of(Map.of((String) SUITE.get("accessKeyId"), credentials)))
			.clock(clock())
			.build();
	}

	private static Clock clock() {
		return Clock.fixed(Instant.parse((String) SUITE.get("now")), ZoneOffset.UTC);
	}

	@SuppressWarnings("unchecked")
	private static SignedRequest request(Map<String, Object> testCase) {
		RequestHeaders.Builder headers = RequestHeaders.builder();
		for (List<String> header : (List<List<String>>) testCase.get("headers")) {
			headers.add(header.get(0), header.get(1));
		}
		headers.add("Authorization", (String) testCase.get("authorization"));
		byte[] body = ((String) testCase.get("body")).getBytes(StandardCharsets.UTF_8);
		return new SignedRequest((String) testCase.get("method"), (String) testCase.get("path"),
				(String) testCase.get("query"), headers.build(), Payload.of(body));
	}

	private static Map<String, Object> load() {
		try (InputStream in = AwsTestSuiteTests.class.getResourceAsStream("/fixtures/sigv4-test-suite.json")) {
			return JsonPath.parse(in).json();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
