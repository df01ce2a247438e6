package dev.aloft.router.queue;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;

import dev.aloft.router.invoke.InvokeResult;
import dev.aloft.router.invoke.InvokeResult.Kind;
import org.jspecify.annotations.Nullable;
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
 * Queues identify a record by its message id; Kafka by an object naming its partition and
 * offset (see {@link KafkaItemFailures}).
 */
final class BatchItemFailures {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private BatchItemFailures() {
	}

	static Set<String> failed(InvokeResult result, Collection<String> ids, boolean reportBatchItemFailures) {
		return failed(result, ids, reportBatchItemFailures, BatchItemFailures::messageId);
	}

	/**
	 * Which records failed, for any kind of identifier.
	 * @param <K> the identifier's type
	 * @param result how the invocation ended
	 * @param ids the identifiers of the batch's records
	 * @param reportBatchItemFailures whether the mapping lets the function report them
	 * @param identifier reads an entry's {@code itemIdentifier}; null when it is not a
	 * well-formed one
	 * @return the failed records' identifiers: all of them when the response fails the
	 * whole batch, none when it succeeds it
	 */
	static <K> Set<K> failed(InvokeResult result, Collection<K> ids, boolean reportBatchItemFailures,
			Function<JsonNode, @Nullable K> identifier) {
		Set<K> all = new LinkedHashSet<>(ids);
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
		Set<K> failed = new LinkedHashSet<>();
		for (JsonNode failure : failures) {
			JsonNode node = failure.isObject() ? failure.get("itemIdentifier") : null;
			K id = (node != null) ? identifier.apply(node) : null;
			if (id == null || !all.contains(id)) {
				return all;
			}
			failed.add(id);
		}
		return failed;
	}

	private static @Nullable String messageId(JsonNode node) {
		return (node.isString() && !node.asString().isEmpty()) ? node.asString() : null;
	}

}
