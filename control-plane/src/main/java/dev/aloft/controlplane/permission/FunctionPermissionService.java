package dev.aloft.controlplane.permission;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.aloft.contracts.config.FunctionVersionConfig;
import dev.aloft.contracts.config.ResourceKind;
import dev.aloft.controlplane.accesskey.AccessKeyDeleting;
import dev.aloft.controlplane.configfeed.ConfigFeed;
import dev.aloft.controlplane.function.FunctionDeleting;
import dev.aloft.controlplane.function.FunctionLookup;
import dev.aloft.controlplane.system.Constraints;
import dev.aloft.controlplane.system.ProblemType;
import dev.aloft.problems.PlatformException;
import org.jspecify.annotations.Nullable;

import org.springframework.context.event.EventListener;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Adds, lists and removes the statements of functions' resource policies, and publishes
 * them on the feed for the gateway in the same transaction. A statement lets one access
 * key invoke one function, at every qualifier or at one, whatever the key's roles; it
 * grants nothing else.
 * <p>
 * The API of the feature, for the {@code /v1} API and the Lambda-compatible one alike.
 * Every method throws {@link PlatformException} problems: {@code NAMESPACE_NOT_FOUND},
 * {@code FUNCTION_NOT_FOUND} (404), {@code VALIDATION_FAILED} (400) and the others named
 * on each method. Callers authorize: adding and removing need write access to the
 * namespace.
 */
@Service
public class FunctionPermissionService {

	/** Lambda's pattern for statement ids. */
	private static final Pattern STATEMENT_ID = Pattern.compile("[a-zA-Z0-9_.-]{1,100}");

	private static final Pattern VERSION = Pattern.compile("[0-9]{1,9}");

	private static final Pattern ALIAS = Pattern.compile("(?!^[0-9]+$)[a-zA-Z0-9_-]{1,128}");

	private final FunctionPermissionRepository permissions;

	private final FunctionLookup functions;

	private final ConfigFeed configFeed;

	private final Clock clock = Clock.systemUTC();

	FunctionPermissionService(FunctionPermissionRepository permissions, FunctionLookup functions,
			ConfigFeed configFeed) {
		this.permissions = permissions;
		this.functions = functions;
		this.configFeed = configFeed;
	}

	/**
	 * Adds a statement to a function's policy.
	 * @param namespace the namespace
	 * @param function the function
	 * @param statementId the statement's id: 1-100 letters, digits, '-', '_' and '.'
	 * @param request the key and the qualifier
	 * @return the statement
	 * @throws PlatformException {@code PERMISSION_EXISTS} (409) when the function already
	 * has a statement with that id; {@code VALIDATION_FAILED} (400, an
	 * {@link InvalidPermissionException}) for an unknown key or qualifier
	 */
	@Transactional
	public PermissionResponse add(String namespace, String function, String statementId, PermissionRequest request) {
		requireStatementId(statementId);
		FunctionTarget target = target(namespace, function);
		String qualifier = qualifier(target, request.qualifier());
		if (this.permissions.findByFunctionIdAndStatementId(target.id(), statementId).isPresent()) {
			throw exists(statementId);
		}
		FunctionPermission permission = new FunctionPermission(target, statementId, request.accessKeyId(), qualifier,
				Instant.now(this.clock).truncatedTo(ChronoUnit.MICROS));
		try {
			this.permissions.saveAndFlush(permission);
		}
		catch (DataIntegrityViolationException ex) {
			if (Constraints.violated(ex, "function_permission_statement_unique")) {
				throw exists(statementId);
			}
			if (Constraints.violated(ex, "function_permission_access_key_fk")) {
				throw new InvalidPermissionException("/accessKeyId",
						"Access key '" + request.accessKeyId() + "' does not exist");
			}
			throw ex;
		}
		this.configFeed.publish(permission.config());
		return PermissionResponse.from(permission);
	}

	/**
	 * Reads one statement of a function's policy.
	 * @param namespace the namespace
	 * @param function the function
	 * @param statementId the statement's id
	 * @return the statement, or empty when the function has none with that id
	 */
	@Transactional(readOnly = true)
	public Optional<PermissionResponse> find(String namespace, String function, String statementId) {
		FunctionTarget target = target(namespace, function);
		return this.permissions.findByFunctionIdAndStatementId(target.id(), statementId).map(PermissionResponse::from);
	}

	/**
	 * Lists a function's policy, by statement id.
	 * @param namespace the namespace
	 * @param function the function
	 * @return the statements, possibly none
	 */
	@Transactional(readOnly = true)
	public List<PermissionResponse> list(String namespace, String function) {
		FunctionTarget target = target(namespace, function);
		return this.permissions.findByFunctionIdOrderByStatementId(target.id())
			.stream()
			.map(PermissionResponse::from)
			.toList();
	}

	/**
	 * Removes a statement and retracts it from the feed; the gateway stops honouring it.
	 * @param namespace the namespace
	 * @param function the function
	 * @param statementId the statement's id
	 * @throws PlatformException {@code PERMISSION_NOT_FOUND} (404)
	 */
	@Transactional
	public void remove(String namespace, String function, String statementId) {
		FunctionTarget target = target(namespace, function);
		FunctionPermission permission = this.permissions.findByFunctionIdAndStatementId(target.id(), statementId)
			.orElseThrow(() -> new PlatformException(ProblemType.PERMISSION_NOT_FOUND,
					"Statement " + statementId + " is not found in resource policy."));
		this.permissions.delete(permission);
		this.configFeed.retract(ResourceKind.FUNCTION_PERMISSION, permission.config().key());
	}

	/**
	 * Removes a function's statements from the feed. The function feature publishes
	 * {@link FunctionDeleting} in the transaction that deletes a function, before its row
	 * goes: the rows go with it by {@code ON DELETE CASCADE}, the feed entries would not.
	 * @param deleting the function being deleted
	 */
	@EventListener
	@Transactional
	public void retractForFunction(FunctionDeleting deleting) {
		for (FunctionPermission permission : this.permissions.findByNamespaceAndFunctionName(deleting.namespace(),
				deleting.functionName())) {
			this.permissions.delete(permission);
			this.configFeed.retract(ResourceKind.FUNCTION_PERMISSION, permission.config().key());
		}
	}

	/**
	 * Removes the statements that name a key from the feed, as for a function: the
	 * access-key feature publishes {@link AccessKeyDeleting} before the key's row goes.
	 * @param deleting the key being deleted
	 */
	@EventListener
	@Transactional
	public void retractForAccessKey(AccessKeyDeleting deleting) {
		for (FunctionPermission permission : this.permissions.findByAccessKeyId(deleting.accessKeyId())) {
			this.permissions.delete(permission);
			this.configFeed.retract(ResourceKind.FUNCTION_PERMISSION, permission.config().key());
		}
	}

	private static void requireStatementId(String statementId) {
		if (!STATEMENT_ID.matcher(statementId).matches()) {
			throw new InvalidPermissionException("/statementId",
					"statementId '" + statementId + "' must be 1-100 letters, digits, '-', '_' and '.'");
		}
	}

	/**
	 * A function statements can be attached to.
	 * @throws PlatformException {@code NAMESPACE_NOT_FOUND} or {@code FUNCTION_NOT_FOUND}
	 */
	private FunctionTarget target(String namespace, String function) {
		return new FunctionTarget(namespace, function, this.functions.requireId(namespace, function));
	}

	/**
	 * The qualifier a statement is limited to, checked to exist: {@code $LATEST}, a
	 * published version or an alias; null for every qualifier.
	 */
	private @Nullable String qualifier(FunctionTarget target, @Nullable String qualifier) {
		if (qualifier == null || qualifier.equals(FunctionVersionConfig.LATEST)) {
			return qualifier;
		}
		if (VERSION.matcher(qualifier).matches()) {
			if (!this.functions.versionExists(target.id(), Integer.parseInt(qualifier))) {
				throw new PlatformException(ProblemType.VERSION_NOT_FOUND,
						"Function " + target.name() + " has no version " + qualifier);
			}
			return qualifier;
		}
		if (!ALIAS.matcher(qualifier).matches()) {
			throw new InvalidPermissionException("/qualifier",
					"qualifier '" + qualifier + "' is neither $LATEST, a version number nor an alias name");
		}
		if (!this.functions.aliasExists(target.id(), qualifier)) {
			throw new PlatformException(ProblemType.ALIAS_NOT_FOUND,
					"Function " + target.name() + " has no alias " + qualifier);
		}
		return qualifier;
	}

	private static PlatformException exists(String statementId) {
		return new PlatformException(ProblemType.PERMISSION_EXISTS, "The statement id (" + statementId
				+ ") provided already exists. Please provide a new statement id, or remove the existing statement.");
	}

}
