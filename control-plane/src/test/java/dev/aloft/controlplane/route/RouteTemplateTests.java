package dev.aloft.controlplane.route;

import dev.aloft.problems.PlatformException;
import dev.aloft.controlplane.system.ProblemType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Route path templates: what is valid, and which templates share a shape (and so would
 * match the same requests).
 */
class RouteTemplateTests {

	@ParameterizedTest
	@CsvSource(delimiter = ' ', quoteCharacter = '"', value = { "/ /", "/hello /hello", "/hello/world /hello/world",
			"/hello/{name} /hello/{}", "/{proxy+} /{+}", "/files/{path+} /files/{+}", "/a/{b}/c/{d} /a/{}/c/{}",
			"/users/{userId}/orders/{order_id}/{rest+} /users/{}/orders/{}/{+}", "/v1.0/~me/a-b_c /v1.0/~me/a-b_c",
			"/a/b:c@d!e$f&g'h(i)j*k,l;m=n /a/b:c@d!e$f&g'h(i)j*k,l;m=n", "/CaseMatters /CaseMatters" })
	void parsesValidTemplate(String path, String shape) {
		RouteTemplate template = RouteTemplate.parse(path);

		assertThat(template.path()).isEqualTo(path);
		assertThat(template.shape()).isEqualTo(shape);
	}

	@Test
	void rootIsItsOwnShape() {
		assertThat(RouteTemplate.parse("/").shape()).isEqualTo("/");
		assertThat(RouteTemplate.parse("/").shape()).isNotEqualTo(RouteTemplate.parse("/{proxy+}").shape());
	}

	@Test
	void templatesDifferingOnlyInParameterNamesHaveTheSameShape() {
		assertThat(RouteTemplate.parse("/a/{x}").shape()).isEqualTo(RouteTemplate.parse("/a/{y}").shape());
		assertThat(RouteTemplate.parse("/a/{x}/b/{rest+}").shape())
			.isEqualTo(RouteTemplate.parse("/a/{id}/b/{proxy+}").shape());
	}

	@Test
	void literalsParametersAndGreedyParametersMakeDifferentShapes() {
		String parameter = RouteTemplate.parse("/a/{x}").shape();

		assertThat(RouteTemplate.parse("/a/x").shape()).isNotEqualTo(parameter);
		assertThat(RouteTemplate.parse("/a/{x+}").shape()).isNotEqualTo(parameter);
		assertThat(RouteTemplate.parse("/a/{x}/b").shape()).isNotEqualTo(parameter);
		assertThat(RouteTemplate.parse("/A/{x}").shape()).isNotEqualTo(parameter);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/{proxy+}/x", "/a/{rest+}/b", "/{a+}/{b+}" })
	void rejectsGreedyParameterBeforeTheLastSegment(String path) {
		assertInvalid(path, "must be the last segment");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/{a}/{a}", "/{id}/x/{id}", "/{a}/{a+}" })
	void rejectsDuplicateParameterNames(String path) {
		assertInvalid(path, "appears twice");
	}

	@ParameterizedTest
	@ValueSource(strings = { "//", "/a//b", "/a/", "//a", "/a/b/" })
	void rejectsEmptySegments(String path) {
		assertInvalid(path, "empty segments are not allowed");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "a", "a/b", "{proxy+}", " /a" })
	void rejectsTemplateNotStartingWithSlash(String path) {
		assertInvalid(path, "must start with '/'");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/a b", "/a/{}", "/a/{1x}", "/a/{b-c}", "/a/{b}{c}", "/a{b}", "/{b}a", "/a/{b", "/a/b}",
			"/a?b=c", "/a#frag", "/caf\u00e9", "/{proxy++}", "/a/{+}" })
	void rejectsMalformedSegments(String path) {
		assertInvalid(path, "must be a literal");
	}

	/**
	 * Clients and servers remove dot segments before routing (RFC 3986 section 5.2.4), so
	 * a template with {@code .} or {@code ..} segments can never match as written and
	 * would alias another path without conflicting with its route.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "/a/../b", "/..", "/./a", "/a/.", "/a/./{b}" })
	void rejectsDotSegments(String path) {
		assertThatExceptionOfType(PlatformException.class).isThrownBy(() -> RouteTemplate.parse(path))
			.satisfies((ex) -> assertThat(ex.problemType()).isEqualTo(ProblemType.VALIDATION_FAILED));
	}

	@Test
	void acceptsTemplatesUpTo1024Characters() {
		String longest = "/" + "a".repeat(1023);

		assertThat(RouteTemplate.parse(longest).path()).hasSize(1024);
		assertInvalid(longest + "a", "at most 1024 characters");
	}

	private static void assertInvalid(String path, String reason) {
		assertThatExceptionOfType(PlatformException.class).isThrownBy(() -> RouteTemplate.parse(path))
			.satisfies((ex) -> {
				assertThat(ex.problemType()).isEqualTo(ProblemType.VALIDATION_FAILED);
				assertThat(ex.getBody().getDetail()).contains("'" + path + "'").contains(reason);
			});
	}

}
