package dev.aloft.controlplane.function;

import dev.aloft.problems.PlatformException;
import dev.aloft.controlplane.system.ProblemType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Page tokens are opaque, URL-safe, and round-trip the last name of a page.
 */
class PageTokensTests {

	@ParameterizedTest
	@ValueSource(strings = { "a", "my-function_1", "ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ" })
	void roundTripsUrlSafely(String name) {
		String token = PageTokens.encode(name);

		assertThat(token).matches("[A-Za-z0-9_-]+");
		assertThat(PageTokens.decode(token)).isEqualTo(name);
	}

	@ParameterizedTest
	@ValueSource(strings = { "!!!", "a b", "abcde" })
	void rejectsTokensItDidNotIssue(String token) {
		assertThatExceptionOfType(PlatformException.class).isThrownBy(() -> PageTokens.decode(token))
			.satisfies((ex) -> assertThat(ex.problemType()).isEqualTo(ProblemType.VALIDATION_FAILED));
	}

}
