package dev.aloft.controlplane.functionurl;

import java.util.UUID;

import dev.aloft.controlplane.namespace.Namespaces;
import dev.aloft.controlplane.system.ProblemType;
import dev.aloft.problems.PlatformException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Checks that the function a URL belongs to exists, and its alias.
 * <p>
 * It reads the function feature's tables (read-only, in the caller's transaction),
 * because that feature's API offers no lookup of aliases or of the function's identifier,
 * which the URLs' foreign key references. Replace these queries with calls when it does.
 */
@Component
class FunctionUrlTargets {

	private final Namespaces namespaces;

	private final JdbcClient jdbc;

	FunctionUrlTargets(Namespaces namespaces, JdbcClient jdbc) {
		this.namespaces = namespaces;
		this.jdbc = jdbc;
	}

	/**
	 * The identifier of a function.
	 * @param namespace the namespace
	 * @param function the function's name
	 * @return its identifier
	 * @throws PlatformException {@code NAMESPACE_NOT_FOUND} or {@code FUNCTION_NOT_FOUND}
	 * (404)
	 */
	UUID requireFunction(String namespace, String function) {
		this.namespaces.requireExisting(namespace);
		return this.jdbc.sql("SELECT id FROM function_definition WHERE namespace = :namespace AND name = :name")
			.param("namespace", namespace)
			.param("name", function)
			.query(UUID.class)
			.optional()
			.orElseThrow(() -> functionNotFound(namespace, function));
	}

	/**
	 * Whether a function has an alias.
	 * @param functionId the function's identifier
	 * @param alias the alias
	 * @return true when it has
	 */
	boolean aliasExists(UUID functionId, String alias) {
		return this.jdbc.sql("SELECT COUNT(*) FROM function_alias WHERE function_id = :functionId AND name = :name")
			.param("functionId", functionId)
			.param("name", alias)
			.query(Long.class)
			.single() > 0;
	}

	static PlatformException functionNotFound(String namespace, String function) {
		return new PlatformException(ProblemType.FUNCTION_NOT_FOUND,
				"Function '" + function + "' does not exist in namespace '" + namespace + "'");
	}

}
