package dev.aloft.sigv4;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pieces of the canonical request, one rule at a time.
 */
class CanonicalizationTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			textBlock = """
					/2015-03-31/functions/my-fn/invocations               | /2015-03-31/functions/my-fn/invocations
					/2015-03-31/functions/my-fn%3A%24LATEST/configuration | /2015-03-31/functions/my-fn%253A%2524LATEST/configuration
					/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Afn/code | /2015-03-31/functions/arn%253Aaws%253Alambda%253Aus-east-1%253A123456789012%253Afunction%253Afn/code
					/a/b/../c/./d                                         | /a/c/d
					/a/b/..                                               | /a
					/a/b/../                                              | /a/
					/../../a                                              | /a
					//a///b//                                             | /a/b/
					/a/%2E%2E/b                                           | /a/%252E%252E/b
					/a$b:c                                                | /a%24b%3Ac
					/~user/file.txt                                       | /~user/file.txt
					""")
	void pathIsNormalisedAndEncodedAgain(String rawPath, String canonical) {
		assertThat(CanonicalPath.of(rawPath, false)).isEqualTo(canonical);
	}

	@Test
	void emptyPathIsTheRoot() {
		assertThat(CanonicalPath.of("", false)).isEqualTo("/");
	}

	@Test
	void s3PathIsSignedAsSent() {
		assertThat(CanonicalPath.of("/bucket/a%20b/../key", true)).isEqualTo("/bucket/a%20b/../key");
		assertThat(CanonicalRequest.isS3("s3")).isTrue();
		assertThat(CanonicalRequest.isS3("lambda")).isFalse();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			b=2&a=1                      | a=1&b=2
			a=2&a=10&a=1                 | a=1&a=10&a=2
			Param1=value2&Param1=Value1  | Param1=Value1&Param1=value2
			a+b=c+d                      | a%2Bb=c%2Bd
			k=a%20b                      | k=a%20b
			k=a%2fb%7e                   | k=a%2Fb~
			k=%C3%BC%E2%82%AC            | k=%C3%BC%E2%82%AC
			k=%FF                        | k=%FF
			k=100%                       | k=100%25
			flag&k=v                     | flag=&k=v
			=orphan&k=v                  | k=v
			a=1&&b=2                     | a=1&b=2
			k=a=b                        | k=a%3Db
			X-Amz-Signature=abc&k=v      | X-Amz-Signature=abc&k=v
			""")
	void queryIsReencodedAndSorted(String rawQuery, String canonical) {
		assertThat(QueryString.parse(rawQuery).canonical(null)).isEqualTo(canonical);
	}

	@Test
	void presignedQueryLeavesOutItsSignature() {
		assertThat(QueryString.parse("X-Amz-Signature=abc&k=v").canonical(PresignedQuery.SIGNATURE)).isEqualTo("k=v");
	}

	@Test
	void queryParametersAreReadDecoded() {
		QueryString query = QueryString.parse("X-Amz-Credential=AKID%2F20260101%2Fus-east-1%2Flambda%2Faws4_request&X");

		assertThat(query.first("X-Amz-Credential")).isEqualTo("AKID/20260101/us-east-1/lambda/aws4_request");
		assertThat(query.first("X")).isEmpty();
		assertThat(query.first("x-amz-credential")).isNull();
	}

	@Test
	void basicDates() {
		assertThat(AmzDate.parseBasic("20260101T100000Z")).isEqualTo(Instant.parse("2026-01-01T10:00:00Z"));
		assertThat(AmzDate.formatBasic(Instant.parse("2026-01-01T10:00:00Z"))).isEqualTo("20260101T100000Z");
		assertThat(AmzDate.parseBasic("20261301T100000Z")).isNull();
		assertThat(AmzDate.parseBasic("2026-01-01T10:00:00Z")).isNull();
		assertThat(AmzDate.parseBasic("2026010AT100000Z")).isNull();
		assertThat(AmzDate.parseHttpDate("Sun, 30 Aug 2015 12:36:00 GMT"))
			.isEqualTo(Instant.parse("2015-08-30T12:36:00Z"));
	}

	@Test
	void headersAreCaseInsensitiveAndKeepEveryValue() {
		RequestHeaders headers = RequestHeaders.builder().add("My-Header", "b").add("my-header", "a").build();

		assertThat(headers.values("MY-HEADER")).containsExactly("b", "a");
		assertThat(headers.first("my-header")).isEqualTo("b");
		assertThat(headers.names()).containsExactly("my-header");
		assertThat(headers.values("absent")).isEmpty();
	}

}
