package dev.aloft.controlplane.lambdaapi;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.aloft.controlplane.accesskey.Caller;
import dev.aloft.controlplane.accesskey.Capability;
import dev.aloft.controlplane.permission.FunctionPermissionService;
import dev.aloft.controlplane.permission.InvalidPermissionException;
import dev.aloft.controlplane.permission.PermissionRequest;
import dev.aloft.controlplane.permission.PermissionResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Lambda's {@code AddPermission}, {@code GetPolicy} and {@code RemovePermission}, for the
 * one kind of statement Aloft enforces: {@code lambda:InvokeFunction} for one access key.
 * The {@code Principal} is the key's id or {@code arn:aws:iam::<account>:user/<key id>}
 * (the ARN the gateway gives a key's caller); service principals, accounts, {@code *},
 * other actions and conditions ({@code SourceArn} and the like) are refused rather than
 * stored and silently not enforced.
 * <p>
 * {@code GetPolicy} without a {@code Qualifier} shows the function's whole policy (an
 * unqualified statement covers every qualifier); with one, the statements limited to that
 * qualifier, as Lambda keeps a policy per qualifier. Statement ids are unique per
 * function (Lambda's are per qualifier), so that {@code /v1} can address a statement by
 * its id.
 */
@RestController
class LambdaPermissionController {

	private static final String POLICY = "/2015-03-31/functions/{functionName}/policy";

	private static final String INVOKE = "lambda:InvokeFunction";

	private static final Pattern STATEMENT_ID = Pattern.compile("([a-zA-Z0-9-_.]+)");

	private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9]{1,20}");

	private static final Pattern KEY_ARN = Pattern.compile("arn:aws:iam::\\d{12}:user/([A-Za-z0-9]{1,20})");

	private static final String INVALID_PRINCIPAL = "The provided principal was invalid. "
			+ "Please check the principal and try again.";

	private final FunctionPermissionService permissions;

	private final LambdaTargets targets;

	private final LambdaRequests requests;

	private final JsonMapper jsonMapper;

	LambdaPermissionController(FunctionPermissionService permissions, LambdaTargets targets, LambdaRequests requests,
			JsonMapper jsonMapper) {
		this.permissions = permissions;
		this.targets = targets;
		this.requests = requests;
		this.jsonMapper = jsonMapper;
	}

	@PostMapping(POLICY)
	ResponseEntity<Map<String, String>> add(Caller caller, @PathVariable String functionName,
			@RequestParam(name = "Qualifier", required = false) @Nullable String qualifierParameter,
			@RequestBody(required = false) byte @Nullable [] body) {
		PermissionBody request = this.requests.read(body, PermissionBody.class);
		FunctionRef function = this.targets.function(caller, functionName, Capability.WRITE, "AddPermission");
		String qualifier = function.qualifier(qualifierParameter);
		String statementId = required(request.statementId(), "statementId");
		if (statementId.length() > 100 || !STATEMENT_ID.matcher(statementId).matches()) {
			throw LambdaException.validation("1 validation error detected: Value '" + statementId
					+ "' at 'statementId' failed to satisfy constraint: Member must satisfy regular expression "
					+ "pattern: " + STATEMENT_ID.pattern());
		}
		String action = required(request.action(), "action");
		if (!action.equals(INVOKE)) {
			throw LambdaException.invalidParameter("Aloft grants only " + INVOKE + " to an access key; action '"
					+ action + "' is not supported (roles in the namespace grant everything else)");
		}
		String accessKeyId = accessKeyId(required(request.principal(), "principal"));
		if (request.sourceArn() != null || request.sourceAccount() != null || request.principalOrgId() != null
				|| request.eventSourceToken() != null || request.functionUrlAuthType() != null) {
			throw LambdaException.invalidParameter("Conditions (SourceArn, SourceAccount, PrincipalOrgID, "
					+ "EventSourceToken, FunctionUrlAuthType) are not supported: a statement lets one access key "
					+ "invoke the function");
		}
		requireRevision(function, qualifier, request.revisionId());
		PermissionResponse added;
		try {
			added = this.permissions.add(function.namespace(), function.name(), statementId,
					new PermissionRequest(accessKeyId, qualifier));
		}
		catch (InvalidPermissionException ex) {
			throw ex.pointer().equals("/accessKeyId") ? LambdaException.invalidParameter(INVALID_PRINCIPAL) : ex;
		}
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(Map.of("Statement", this.jsonMapper.writeValueAsString(statement(function, added))));
	}

	@GetMapping(POLICY)
	Map<String, String> get(Caller caller, @PathVariable String functionName,
			@RequestParam(name = "Qualifier", required = false) @Nullable String qualifierParameter) {
		FunctionRef function = this.targets.function(caller, functionName, Capability.READ, "GetPolicy");
		String qualifier = function.qualifier(qualifierParameter);
		List<PermissionResponse> statements = policy(function, qualifier);
		if (statements.isEmpty()) {
			throw LambdaException.notFound("The resource you requested does not exist.");
		}
		Map<String, Object> policy = new LinkedHashMap<>();
		policy.put("Version", "2012-10-17");
		policy.put("Id", "default");
		policy.put("Statement", statements.stream().map((statement) -> statement(function, statement)).toList());
		return Map.of("Policy", this.jsonMapper.writeValueAsString(policy), "RevisionId", revisionId(statements));
	}

	@DeleteMapping(POLICY + "/{statementId}")
	ResponseEntity<Void> remove(Caller caller, @PathVariable String functionName, @PathVariable String statementId,
			@RequestParam(name = "Qualifier", required = false) @Nullable String qualifierParameter,
			@RequestParam(name = "RevisionId", required = false) @Nullable String revisionId) {
		FunctionRef function = this.targets.function(caller, functionName, Capability.WRITE, "RemovePermission");
		String qualifier = function.qualifier(qualifierParameter);
		boolean inPolicy = this.permissions.find(function.namespace(), function.name(), statementId)
			.filter((statement) -> qualifier == null || qualifier.equals(statement.qualifier()))
			.isPresent();
		if (!inPolicy) {
			throw LambdaException.notFound("Statement " + statementId + " is not found in resource policy.");
		}
		requireRevision(function, qualifier, revisionId);
		this.permissions.remove(function.namespace(), function.name(), statementId);
		return ResponseEntity.noContent().build();
	}

	private List<PermissionResponse> policy(FunctionRef function, @Nullable String qualifier) {
		return this.permissions.list(function.namespace(), function.name())
			.stream()
			.filter((statement) -> qualifier == null || qualifier.equals(statement.qualifier()))
			.toList();
	}

	private void requireRevision(FunctionRef function, @Nullable String qualifier, @Nullable String revisionId) {
		if (revisionId != null && !revisionId.equals(revisionId(policy(function, qualifier)))) {
			throw LambdaException.preconditionFailed("The Revision Id provided does not match the latest Revision Id. "
					+ "Call the GetPolicy API to retrieve the latest Revision Id");
		}
	}

	/**
	 * The policy's revision: derived from its statements, so it changes with every
	 * statement added or removed without a row of its own.
	 */
	private static String revisionId(List<PermissionResponse> statements) {
		StringBuilder content = new StringBuilder();
		for (PermissionResponse statement : statements) {
			content.append(statement.statementId())
				.append('\n')
				.append(statement.accessKeyId())
				.append('\n')
				.append(Objects.requireNonNullElse(statement.qualifier(), ""))
				.append('\n')
				.append(statement.createdAt())
				.append('\n');
		}
		return UUID.nameUUIDFromBytes(content.toString().getBytes(StandardCharsets.UTF_8)).toString();
	}

	private static Map<String, Object> statement(FunctionRef function, PermissionResponse permission) {
		Map<String, Object> statement = new LinkedHashMap<>();
		statement.put("Sid", permission.statementId());
		statement.put("Effect", "Allow");
		statement.put("Principal",
				Map.of("AWS", "arn:aws:iam::" + function.accountId() + ":user/" + permission.accessKeyId()));
		statement.put("Action", INVOKE);
		statement.put("Resource", function.arn(permission.qualifier()));
		return statement;
	}

	private static String accessKeyId(String principal) {
		Matcher arn = KEY_ARN.matcher(principal);
		if (arn.matches()) {
			return arn.group(1);
		}
		if (KEY_ID.matcher(principal).matches() && !principal.matches("\\d{12}")) {
			return principal;
		}
		throw LambdaException.invalidParameter(INVALID_PRINCIPAL);
	}

	private static String required(@Nullable String value, String member) {
		if (value == null) {
			throw LambdaException.validation("1 validation error detected: Value null at '" + member
					+ "' failed to satisfy constraint: Member must not be null");
		}
		return value;
	}

	/**
	 * {@code AddPermission}'s body.
	 */
	@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
	record PermissionBody(@Nullable String statementId, @Nullable String action, @Nullable String principal,
			@Nullable String sourceArn, @Nullable String sourceAccount, @Nullable String eventSourceToken,
			@JsonProperty("PrincipalOrgID") @Nullable String principalOrgId, @Nullable String functionUrlAuthType,
			@Nullable String revisionId) {
	}

}
