package dev.aloft.controlplane.lambdaapi;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.aloft.controlplane.accesskey.Caller;
import dev.aloft.controlplane.accesskey.Capability;
import dev.aloft.controlplane.namespace.Namespaces;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Finds the namespace a Lambda API call is about, and checks the caller may act there. An
 * ARN's account id names the namespace whose account id it is; a plain name means the
 * caller's only namespace when its key has exactly one, else {@code default} (as the
 * gateway resolves the Invoke API). A caller without the capability in that namespace is
 * refused with {@code AccessDeniedException}, before anything of the namespace is read.
 */
@Component
class LambdaTargets {

	/** A name, a partial ARN or a full ARN, each optionally with a qualifier. */
	private static final Pattern FUNCTION_NAME = Pattern
		.compile("(?:arn:aws[a-zA-Z-]*:lambda:[a-z0-9-]+:(\\d{12}):function:|(\\d{12}):function:)?"
				+ "([a-zA-Z0-9_-]{1,64})(?::(\\$LATEST|[a-zA-Z0-9_-]{1,128}))?");

	private final Namespaces namespaces;

	private final LambdaApiProperties properties;

	LambdaTargets(Namespaces namespaces, LambdaApiProperties properties) {
		this.namespaces = namespaces;
		this.properties = properties;
	}

	/**
	 * Resolves a {@code FunctionName} and authorizes the call.
	 * @param caller who calls
	 * @param functionName a name, partial ARN or ARN, optionally qualified
	 * @param capability what the operation needs
	 * @param action the operation, for the refusal's message
	 * @return the function
	 */
	FunctionRef function(Caller caller, @Nullable String functionName, Capability capability, String action) {
		if (functionName == null || functionName.isEmpty()) {
			throw LambdaException.validation("1 validation error detected: Value null at 'functionName' "
					+ "failed to satisfy constraint: Member must not be null");
		}
		Matcher matcher = FUNCTION_NAME.matcher(functionName);
		if (!matcher.matches()) {
			throw LambdaException.validation("1 validation error detected: Value '" + functionName
					+ "' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression "
					+ "pattern: " + FUNCTION_NAME.pattern());
		}
		String accountId = (matcher.group(1) != null) ? matcher.group(1) : matcher.group(2);
		String namespace = (accountId != null) ? namespaceOfAccount(caller, accountId, functionName, action)
				: homeNamespace(caller);
		authorize(caller, namespace, capability, action, functionName);
		return new FunctionRef(namespace, accountId(namespace), this.properties.region(), matcher.group(3),
				matcher.group(4));
	}

	/**
	 * The caller's home namespace, authorized: for calls that name no function (listing
	 * functions, event-source mappings by UUID).
	 * @param caller who calls
	 * @param capability what the operation needs
	 * @param action the operation, for the refusal's message
	 * @return the namespace and its account id
	 */
	FunctionRef home(Caller caller, Capability capability, String action) {
		String namespace = homeNamespace(caller);
		authorize(caller, namespace, capability, action, "*");
		return new FunctionRef(namespace, accountId(namespace), this.properties.region(), "", null);
	}

	/**
	 * The namespace a name without an account id is looked up in.
	 */
	static String homeNamespace(Caller caller) {
		List<String> concrete = caller.roles()
			.keySet()
			.stream()
			.filter((name) -> !name.equals(Caller.EVERY_NAMESPACE))
			.toList();
		return (concrete.size() == 1) ? concrete.getFirst() : Namespaces.DEFAULT;
	}

	private String namespaceOfAccount(Caller caller, String accountId, String functionName, String action) {
		return this.namespaces.withAccountId(accountId)
			.orElseThrow(() -> caller.platformAdmin() ? LambdaException.notFound("Function not found: " + functionName)
					: denied(caller, action, functionName));
	}

	private String accountId(String namespace) {
		return this.namespaces.accountId(namespace)
			.orElseThrow(() -> LambdaException.notFound("Namespace '" + namespace + "' does not exist"));
	}

	private static void authorize(Caller caller, String namespace, Capability capability, String action,
			String resource) {
		if (!caller.may(namespace, capability)) {
			throw denied(caller, action, resource);
		}
	}

	private static LambdaException denied(Caller caller, String action, String resource) {
		return LambdaException.accessDenied("User: " + caller.accessKeyId() + " is not authorized to perform: lambda:"
				+ action + " on resource: " + resource);
	}

}
