package dev.aloft.controlplane.function;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

import dev.aloft.controlplane.system.ProblemType;
import dev.aloft.problems.PlatformException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The tags of functions, with Lambda's limits: at most 50 per function, keys of 1-128 and
 * values of up to 256 letters, digits, spaces and {@code _ . : / = + - @}, and no key
 * starting with the reserved {@code aws:}. Tags are not part of a function's
 * configuration: changing them leaves its revision as it is, and followers never see
 * them.
 */
@Service
public class FunctionTags {

	/** The most tags a function may have. */
	static final int MAX_TAGS = 50;

	private static final Pattern KEY = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{1,128}");

	private static final Pattern VALUE = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{0,256}");

	private final FunctionDefinitionRepository functions;

	private final FunctionService functionService;

	private final JdbcClient jdbc;

	FunctionTags(FunctionDefinitionRepository functions, FunctionService functionService, JdbcClient jdbc) {
		this.functions = functions;
		this.functionService = functionService;
		this.jdbc = jdbc;
	}

	/**
	 * A function's tags.
	 * @param namespace the namespace
	 * @param name the function
	 * @return key to value, in key order
	 */
	@Transactional(readOnly = true)
	public Map<String, String> tags(String namespace, String name) {
		return read(this.functionService.find(namespace, name).id());
	}

	/**
	 * Adds tags to a function, replacing the values of keys it has.
	 * @param namespace the namespace
	 * @param name the function
	 * @param tags key to value
	 * @throws PlatformException {@code VALIDATION_FAILED} for a malformed tag or more
	 * than 50 in all; nothing changes then
	 */
	@Transactional
	public void tag(String namespace, String name, Map<String, String> tags) {
		check(tags);
		this.functionService.find(namespace, name);
		// Locked, so two concurrent calls cannot together pass the limit.
		UUID functionId = this.functions.lockByNamespaceAndName(namespace, name)
			.orElseThrow(() -> FunctionService.notFound(namespace, name))
			.id();
		Map<String, String> merged = new TreeMap<>(read(functionId));
		merged.putAll(tags);
		if (merged.size() > MAX_TAGS) {
			throw new PlatformException(ProblemType.VALIDATION_FAILED, "A function can have at most " + MAX_TAGS
					+ " tags; function '" + name + "' would have " + merged.size());
		}
		for (Map.Entry<String, String> tag : tags.entrySet()) {
			this.jdbc.sql("DELETE FROM function_tag WHERE function_id = ? AND tag_key = ?")
				.params(functionId, tag.getKey())
				.update();
			this.jdbc.sql("INSERT INTO function_tag (function_id, tag_key, tag_value) VALUES (?, ?, ?)")
				.params(functionId, tag.getKey(), tag.getValue())
				.update();
		}
	}

	/**
	 * Removes tags from a function; keys it does not have are ignored.
	 * @param namespace the namespace
	 * @param name the function
	 * @param keys the keys
	 */
	@Transactional
	public void untag(String namespace, String name, Collection<String> keys) {
		UUID functionId = this.functionService.find(namespace, name).id();
		for (String key : keys) {
			this.jdbc.sql("DELETE FROM function_tag WHERE function_id = ? AND tag_key = ?")
				.params(functionId, key)
				.update();
		}
	}

	/**
	 * Checks tags against Lambda's limits.
	 * @param tags key to value
	 * @throws PlatformException {@code VALIDATION_FAILED} naming the first problem
	 */
	public static void check(Map<String, String> tags) {
		if (tags.size() > MAX_TAGS) {
			throw new PlatformException(ProblemType.VALIDATION_FAILED,
					"A function can have at most " + MAX_TAGS + " tags, not " + tags.size());
		}
		for (Map.Entry<String, String> tag : tags.entrySet()) {
			if (tag.getKey() == null || !KEY.matcher(tag.getKey()).matches()) {
				throw new PlatformException(ProblemType.VALIDATION_FAILED, "Tag key '" + tag.getKey()
						+ "' is not valid: 1-128 letters, digits, spaces and _ . : / = + - @");
			}
			if (tag.getKey().regionMatches(true, 0, "aws:", 0, 4)) {
				throw new PlatformException(ProblemType.VALIDATION_FAILED,
						"Tag key '" + tag.getKey() + "' uses the reserved prefix aws:");
			}
			if (tag.getValue() == null || !VALUE.matcher(tag.getValue()).matches()) {
				throw new PlatformException(ProblemType.VALIDATION_FAILED, "The value of tag '" + tag.getKey()
						+ "' is not valid: up to 256 letters, digits, spaces and _ . : / = + - @");
			}
		}
	}

	private Map<String, String> read(UUID functionId) {
		Map<String, String> tags = new TreeMap<>();
		this.jdbc.sql("SELECT tag_key, tag_value FROM function_tag WHERE function_id = ?")
			.param(functionId)
			.query((row) -> {
				tags.put(row.getString(1), row.getString(2));
			});
		return tags;
	}

}
