package dev.aloft.router.queue;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

import dev.aloft.router.invoke.InvokeResult;
import dev.aloft.router.invoke.InvokeResult.Kind;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Which records of a batch failed, by Lambda's rules for partial batch responses
 * ({@code {"batchItemFailures":[{"itemIdentifier":"<id>"}]}}).
 * <ul>
 * <li>A function error, a timeout or an invocation that did not run fails every
 * record.</li>
 * <li>Without {@code ReportBatchItemFailures} a success succeeds every record.</li>
 * <li>With it: an empty or null response, a response without {@code batchItemFailures},
 * or an empty or null list succeed every record; the listed ids fail; a response that is
 * not JSON, or an entry that is not an object with a non-empty {@code itemIdentifier} of
 * the batch, fails every record.</li>
 * </ul>
 */
final class BatchItemFailures {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private BatchItemFailures() {
	}

	static Set<String> failed(InvokeResult result, Collection<String> ids, boolean reportBatchItemFailures) {
		Set<String> all = new LinkedHashSet<>(ids);
		if (result.kind() != Kind.SUCCESS) {
			return all;
		}
		if (!reportBatchItemFailures || result.body().length == 0) {
			return Set.of();
		}
		JsonNode response;
		try {
			response = JSON.readTree(result.body());
		}
		catch (JacksonException ex) {
			return all;
		}
		if (response == null || response.isNull() || response.isMissingNode()) {
			return Set.of();
		}
		if (!response.isObject()) {
			return all;
		}
		JsonNode failures = response.get("batchItemFailures");
		if (failures == null || failures.isNull()) {
			return Set.of();
		}
		if (!failures.isArray()) {
			return all;
		}
		Set<String> failed = new LinkedHashSet<>();
		for (JsonNode failure : failures) {
			JsonNode id = failure.isObject() ? failure.get("itemIdentifier") : null;
			if (id == null || !id.isString() || id.asString().isEmpty() || !all.contains(id.asString())) {
				return all;
			}
			failed.add(id.asString());
		}
		return failed;
	}

}
