package dev.aloft.gateway.route;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.aloft.contracts.config.RouteConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Matching requests against the route trie as API Gateway HTTP APIs do: the most specific
 * path that also fits the method wins.
 */
class RouteTableTests {

	@Test
	void literalBeatsParameterBeatsGreedy() {
		RouteTable table = table(route("greedy", "GET", "/a/{proxy+}"), route("param", "GET", "/a/{x}"),
				route("literal", "GET", "/a/b"));

		assertThat(id(table.match("GET", "/a/b"))).isEqualTo("literal");
		assertThat(id(table.match("GET", "/a/c"))).isEqualTo("param");
		assertThat(id(table.match("GET", "/a/c/d"))).isEqualTo("greedy");
	}

	@Test
	void backtracksToALessSpecificPathWhenTheMostSpecificLacksTheMethod() {
		RouteTable table = table(route("post-literal", "POST", "/a/b"), route("get-param", "GET", "/a/{x}"));

		Optional<RouteMatch> match = table.match("GET", "/a/b");

		assertThat(id(match)).isEqualTo("get-param");
		assertThat(match).get().extracting(RouteMatch::pathParameters).isEqualTo(Map.of("x", "b"));
		assertThat(id(table.match("POST", "/a/b"))).isEqualTo("post-literal");
	}

	@Test
	void backtracksFromADeeperLiteralToAGreedyRoute() {
		RouteTable table = table(route("special", "GET", "/files/special"), route("greedy", "GET", "/files/{proxy+}"));

		Optional<RouteMatch> match = table.match("GET", "/files/special/x");

		assertThat(id(match)).isEqualTo("greedy");
		assertThat(match).get().extracting(RouteMatch::pathParameters).isEqualTo(Map.of("proxy", "special/x"));
	}

	@Test
	void backtrackingDoesNotLeakParametersFromAbandonedBranches() {
		RouteTable table = table(route("literal-first", "GET", "/a/{q}/y"), route("param-first", "GET", "/{p}/x/z"));

		Optional<RouteMatch> match = table.match("GET", "/a/x/z");

		assertThat(id(match)).isEqualTo("param-first");
		assertThat(match).get().extracting(RouteMatch::pathParameters).isEqualTo(Map.of("p", "a"));
	}

	@Test
	void exactMethodBeatsAnyAtTheSameNode() {
		RouteTable table = table(route("any", "ANY", "/items"), route("get", "GET", "/items"));

		assertThat(id(table.match("GET", "/items"))).isEqualTo("get");
		assertThat(id(table.match("DELETE", "/items"))).isEqualTo("any");
	}

	@Test
	void anyMatchesEveryMethod() {
		RouteTable table = table(route("any", "ANY", "/items/{id}"));

		for (String method : List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")) {
			assertThat(id(table.match(method, "/items/1"))).as(method).isEqualTo("any");
		}
	}

	@Test
	void methodMismatchIsNoMatch() {
		RouteTable table = table(route("get", "GET", "/items"));

		assertThat(table.match("POST", "/items")).isEmpty();
	}

	@Test
	void parametersAtTheSameSegmentBindTheirOwnRoutesNames() {
		RouteTable table = table(route("b", "GET", "/a/{x}/b"), route("c", "GET", "/a/{y}/c"));

		Optional<RouteMatch> b = table.match("GET", "/a/1/b");
		Optional<RouteMatch> c = table.match("GET", "/a/2/c");

		assertThat(id(b)).isEqualTo("b");
		assertThat(b).get().extracting(RouteMatch::pathParameters).isEqualTo(Map.of("x", "1"));
		assertThat(id(c)).isEqualTo("c");
		assertThat(c).get().extracting(RouteMatch::pathParameters).isEqualTo(Map.of("y", "2"));
	}

	@Test
	void greedyParameterBindsTheRestOfThePath() {
		RouteTable table = table(route("files", "GET", "/files/{proxy+}"));

		Optional<RouteMatch> match = table.match("GET", "/files/a/b/c");

		assertThat(id(match)).isEqualTo("files");
		assertThat(match).get().extracting(RouteMatch::pathParameters).isEqualTo(Map.of("proxy", "a/b/c"));
		assertThat(table.match("GET", "/files/a")).get()
			.extracting(RouteMatch::pathParameters)
			.isEqualTo(Map.of("proxy", "a"));
	}

	@Test
	void greedyParameterNeedsAtLeastOneSegment() {
		RouteTable table = table(route("files", "GET", "/files/{proxy+}"));

		assertThat(table.match("GET", "/files")).isEmpty();
	}

	@Test
	void greedyParameterAtTheRootDoesNotMatchTheRoot() {
		RouteTable table = table(route("all", "ANY", "/{proxy+}"));

		assertThat(table.match("GET", "/")).isEmpty();
		assertThat(table.match("GET", "/x/y")).get()
			.extracting(RouteMatch::pathParameters)
			.isEqualTo(Map.of("proxy", "x/y"));
	}

	@Test
	void parametersAndGreedyBindTogether() {
		RouteTable table = table(route("r", "GET", "/users/{id}/files/{path+}"));

		assertThat(table.match("GET", "/users/7/files/docs/a.txt")).get()
			.extracting(RouteMatch::pathParameters)
			.isEqualTo(Map.of("id", "7", "path", "docs/a.txt"));
	}

	@Test
	void rootRouteMatchesTheRootOnly() {
		RouteTable table = table(route("root", "GET", "/"));

		Optional<RouteMatch> match = table.match("GET", "/");

		assertThat(id(match)).isEqualTo("root");
		assertThat(match).get().extracting(RouteMatch::pathParameters).isEqualTo(Map.of());
		assertThat(table.match("GET", "/x")).isEmpty();
	}

	@Test
	void trailingSlashDoesNotMatchAParameterRoute() {
		RouteTable table = table(route("hello", "GET", "/hello/{name}"));

		assertThat(table.match("GET", "/hello/world/")).isEmpty();
		assertThat(table.match("GET", "/hello/")).isEmpty();
		assertThat(table.match("GET", "/hello")).isEmpty();
		assertThat(id(table.match("GET", "/hello/world"))).isEqualTo("hello");
	}

	@Test
	void literalSegmentsMatchExactly() {
		RouteTable table = table(route("hello", "GET", "/hello"));

		assertThat(table.match("GET", "/Hello")).isEmpty();
		assertThat(table.match("GET", "/hello/")).isEmpty();
		assertThat(table.match("GET", "/hello/x")).isEmpty();
	}

	@Test
	void parametersArePercentDecodedAndPlusStaysPlus() {
		RouteTable table = table(route("hello", "GET", "/hello/{name}"), route("files", "GET", "/files/{proxy+}"));

		assertThat(table.match("GET", "/hello/John%20Doe")).get()
			.extracting(RouteMatch::pathParameters)
			.isEqualTo(Map.of("name", "John Doe"));
		assertThat(table.match("GET", "/hello/a+b")).get()
			.extracting(RouteMatch::pathParameters)
			.isEqualTo(Map.of("name", "a+b"));
		assertThat(table.match("GET", "/hello/caf%C3%A9")).get()
			.extracting(RouteMatch::pathParameters)
			.isEqualTo(Map.of("name", "café"));
		assertThat(table.match("GET", "/files/a%20b/c%2Bd")).get()
			.extracting(RouteMatch::pathParameters)
			.isEqualTo(Map.of("proxy", "a b/c+d"));
	}

	@Test
	void routeKeyIsMethodAndTemplate() {
		RouteTable table = table(route("hello", "GET", "/hello/{name}"));

		assertThat(table.match("GET", "/hello/world")).get()
			.extracting(RouteMatch::routeKey)
			.isEqualTo("GET /hello/{name}");
	}

	@Test
	void noMatchIsEmpty() {
		RouteTable table = table(route("hello", "GET", "/hello/{name}"));

		assertThat(table.match("GET", "/goodbye/world")).isEmpty();
		assertThat(RouteTable.EMPTY.match("GET", "/")).isEmpty();
		assertThat(RouteTable.EMPTY.match("GET", "/anything")).isEmpty();
	}

	private static RouteTable table(RouteConfig... routes) {
		return RouteTable.of(List.of(routes));
	}

	private static RouteConfig route(String id, String method, String path) {
		return new RouteConfig(id, "default", method, path, "fn-" + id, "$LATEST");
	}

	private static String id(Optional<RouteMatch> match) {
		assertThat(match).isPresent();
		return match.get().route().id();
	}

}
