package dev.aloft.controlplane.permission;

import java.util.UUID;

import dev.aloft.controlplane.namespace.Namespaces;
import dev.aloft.controlplane.system.ProblemType;
import dev.aloft.problems.PlatformException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Checks that the function a statement belongs to exists, and the qualifier it names.
 * <p>
 * It reads the function feature's tables (read-only, in the caller's transaction), as the
 * function URLs do, because that feature's API offers no lookup of a function's
 * identifier, aliases or versions. Replace these queries with calls when it does.
 */
@Component
class PermissionTargets {

	private final Namespaces namespaces;

	private final JdbcClient jdbc;

	PermissionTargets(Namespaces namespaces, JdbcClient jdbc) {
		this.namespaces = namespaces;
		this.jdbc = jdbc;
	}

	/**
	 * A function.
	 * @param namespace the namespace
	 * @param function the function's name
	 * @return it
	 * @throws PlatformException {@code NAMESPACE_NOT_FOUND} or {@code FUNCTION_NOT_FOUND}
	 * (404)
	 */
	FunctionTarget requireFunction(String namespace, String function) {
		this.namespaces.requireExisting(namespace);
		UUID id = this.jdbc.sql("SELECT id FROM function_definition WHERE namespace = :namespace AND name = :name")
			.param("namespace", namespace)
			.param("name", function)
			.query(UUID.class)
			.optional()
			.orElseThrow(() -> new PlatformException(ProblemType.FUNCTION_NOT_FOUND,
					"Function '" + function + "' does not exist in namespace '" + namespace + "'"));
		return new FunctionTarget(namespace, function, id);
	}

	/**
	 * Whether a function has a published version.
	 * @param function the function
	 * @param version the version number
	 * @return true when it has
	 */
	boolean versionExists(FunctionTarget function, int version) {
		return this.jdbc
			.sql("SELECT COUNT(*) FROM function_version WHERE function_id = :functionId AND version = :version")
			.param("functionId", function.id())
			.param("version", version)
			.query(Long.class)
			.single() > 0;
	}

	/**
	 * Whether a function has an alias.
	 * @param function the function
	 * @param alias the alias
	 * @return true when it has
	 */
	boolean aliasExists(FunctionTarget function, String alias) {
		return this.jdbc.sql("SELECT COUNT(*) FROM function_alias WHERE function_id = :functionId AND name = :name")
			.param("functionId", function.id())
			.param("name", alias)
			.query(Long.class)
			.single() > 0;
	}

}
