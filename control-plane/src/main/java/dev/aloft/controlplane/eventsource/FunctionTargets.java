package dev.aloft.controlplane.eventsource;

import java.util.Objects;
import java.util.UUID;

import dev.aloft.contracts.config.FunctionVersionConfig;
import dev.aloft.controlplane.namespace.Namespaces;
import dev.aloft.controlplane.system.ProblemType;
import dev.aloft.problems.PlatformException;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Checks that a trigger's target exists: the function, and its qualifier
 * ({@code $LATEST}, a published version or an alias).
 * <p>
 * It reads the function feature's tables (read-only, in the caller's transaction),
 * because that feature's API offers no lookup of versions, aliases or the function's
 * identifier, which the triggers' foreign keys reference. Replace these queries with
 * calls when it does.
 */
@Component
class FunctionTargets {

	private final Namespaces namespaces;

	private final JdbcClient jdbc;

	FunctionTargets(Namespaces namespaces, JdbcClient jdbc) {
		this.namespaces = namespaces;
		this.jdbc = jdbc;
	}

	/**
	 * The target of a trigger.
	 * @param namespace the namespace
	 * @param function the function's name
	 * @param qualifier {@code $LATEST}, a version or an alias; null for {@code $LATEST}
	 * @return the checked target
	 * @throws PlatformException {@code NAMESPACE_NOT_FOUND} or {@code FUNCTION_NOT_FOUND}
	 * (404), or {@code VALIDATION_FAILED} when the function has no such version or alias
	 */
	FunctionTarget require(String namespace, String function, @Nullable String qualifier) {
		this.namespaces.requireExisting(namespace);
		UUID functionId = this.jdbc
			.sql("SELECT id FROM function_definition WHERE namespace = :namespace AND name = :name")
			.param("namespace", namespace)
			.param("name", function)
			.query(UUID.class)
			.optional()
			.orElseThrow(() -> functionNotFound(namespace, function));
		String checked = Objects.requireNonNullElse(qualifier, FunctionVersionConfig.LATEST);
		if (!checked.equals(FunctionVersionConfig.LATEST) && !versionExists(functionId, checked)
				&& !aliasExists(functionId, checked)) {
			throw new InvalidTriggerException("/qualifier",
					"Function " + function + " has no version or alias " + checked);
		}
		return new FunctionTarget(functionId, function, checked);
	}

	static PlatformException functionNotFound(String namespace, String function) {
		return new PlatformException(ProblemType.FUNCTION_NOT_FOUND,
				"Function '" + function + "' does not exist in namespace '" + namespace + "'");
	}

	private boolean versionExists(UUID functionId, String version) {
		return version.matches("[1-9][0-9]{0,8}") && this.jdbc
			.sql("SELECT COUNT(*) FROM function_version WHERE function_id = :functionId AND version = :version")
			.param("functionId", functionId)
			.param("version", Integer.parseInt(version))
			.query(Long.class)
			.single() > 0;
	}

	private boolean aliasExists(UUID functionId, String alias) {
		return this.jdbc.sql("SELECT COUNT(*) FROM function_alias WHERE function_id = :functionId AND name = :name")
			.param("functionId", functionId)
			.param("name", alias)
			.query(Long.class)
			.single() > 0;
	}

}
