package dev.aloft.controlplane.function;

import java.util.UUID;

import dev.aloft.controlplane.namespace.Namespaces;
import dev.aloft.controlplane.system.ProblemType;
import dev.aloft.problems.PlatformException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What other features need to know of a function to attach something to it (a trigger, a
 * URL, a permission): its identifier, which their foreign keys reference, and whether it
 * has a version or an alias. Reads in the caller's transaction.
 */
@Component
public class FunctionLookup {

	private final Namespaces namespaces;

	private final JdbcClient jdbc;

	FunctionLookup(Namespaces namespaces, JdbcClient jdbc) {
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
	public UUID requireId(String namespace, String function) {
		this.namespaces.requireExisting(namespace);
		return this.jdbc.sql("SELECT id FROM function_definition WHERE namespace = :namespace AND name = :name")
			.param("namespace", namespace)
			.param("name", function)
			.query(UUID.class)
			.optional()
			.orElseThrow(() -> functionNotFound(namespace, function));
	}

	/**
	 * Whether a function has a published version.
	 * @param functionId the function's identifier
	 * @param version the version number
	 * @return true when it has
	 */
	public boolean versionExists(UUID functionId, int version) {
		return this.jdbc
			.sql("SELECT COUNT(*) FROM function_version WHERE function_id = :functionId AND version = :version")
			.param("functionId", functionId)
			.param("version", version)
			.query(Long.class)
			.single() > 0;
	}

	/**
	 * Whether a function has an alias.
	 * @param functionId the function's identifier
	 * @param alias the alias
	 * @return true when it has
	 */
	public boolean aliasExists(UUID functionId, String alias) {
		return this.jdbc.sql("SELECT COUNT(*) FROM function_alias WHERE function_id = :functionId AND name = :name")
			.param("functionId", functionId)
			.param("name", alias)
			.query(Long.class)
			.single() > 0;
	}

	/**
	 * The problem for a function that does not exist.
	 * @param namespace the namespace
	 * @param function the function's name
	 * @return the problem, a 404
	 */
	public static PlatformException functionNotFound(String namespace, String function) {
		return new PlatformException(ProblemType.FUNCTION_NOT_FOUND,
				"Function '" + function + "' does not exist in namespace '" + namespace + "'");
	}

}
