package dev.aloft.router.queue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import dev.aloft.router.invoke.InvokeResult;
import dev.aloft.router.invoke.InvokeResult.Kind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lambda's rules for partial batch responses.
 */
class BatchItemFailuresTests {

	private static final List<String> IDS = List.of("a", "b", "c");

	@Test
	void reportedIdsFailAlone() {
		assertThat(failed("{\"batchItemFailures\":[{\"itemIdentifier\":\"b\"}]}", true)).containsExactly("b");
	}

	@Test
	void emptyOrAbsentReportsSucceedEverything() {
		for (String response : List.of("", "null", "{}", "{\"batchItemFailures\":[]}",
				"{\"batchItemFailures\":null}")) {
			assertThat(failed(response, true)).as(response).isEmpty();
		}
	}

	@Test
	void malformedReportsFailEverything() {
		for (String response : List.of("not json", "\"ok\"", "{\"batchItemFailures\":{}}",
				"{\"batchItemFailures\":[{\"itemIdentifier\":\"\"}]}",
				"{\"batchItemFailures\":[{\"itemIdentifier\":null}]}", "{\"batchItemFailures\":[{\"itemId\":\"a\"}]}",
				"{\"batchItemFailures\":[{\"itemIdentifier\":\"z\"}]}")) {
			assertThat(failed(response, true)).as(response).containsExactlyElementsOf(IDS);
		}
	}

	@Test
	void withoutReportingASuccessSucceedsEverythingAndAnErrorFailsEverything() {
		assertThat(failed("{\"batchItemFailures\":[{\"itemIdentifier\":\"b\"}]}", false)).isEmpty();
		InvokeResult error = new InvokeResult(Kind.FUNCTION_ERROR, 200, "$LATEST", "Unhandled", new byte[0], "error");
		assertThat(BatchItemFailures.failed(error, IDS, true)).containsExactlyElementsOf(IDS);
	}

	private static Set<String> failed(String response, boolean report) {
		InvokeResult result = new InvokeResult(Kind.SUCCESS, 200, "$LATEST", null,
				response.getBytes(StandardCharsets.UTF_8), "ok");
		return BatchItemFailures.failed(result, IDS, report);
	}

}
