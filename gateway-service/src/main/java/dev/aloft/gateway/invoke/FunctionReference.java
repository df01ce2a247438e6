package dev.aloft.gateway.invoke;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A function as the Lambda API names it: a name, {@code name:qualifier}, a partial ARN
 * ({@code 123456789012:function:name}) or a full ARN, as the service model's pattern
 * allows.
 *
 * @param region the region in an ARN, if any
 * @param accountId the account id in an ARN, if any
 * @param name the function name
 * @param qualifier the qualifier after the name, if any
 */
record FunctionReference(@Nullable String region, @Nullable String accountId, String name, @Nullable String qualifier) {

	/** The service model's pattern for {@code FunctionName}. */
	static final String MODEL_PATTERN = "(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?";

	private static final Pattern FORMS = Pattern
		.compile("^(?:arn:aws[a-zA-Z-]*:lambda:(?<arnRegion>[a-z0-9-]+):(?<arnAccount>\\d{12}):function:"
				+ "|(?:(?<region>[a-z]{2}(?:-gov)?-[a-z]+-\\d):)?(?:(?<account>\\d{12}):)?(?:function:)?)"
				+ "(?<name>[a-zA-Z0-9_.-]{1,140})(?::(?<qualifier>\\$LATEST|[a-zA-Z0-9_-]{1,128}))?$");

	/**
	 * Reads a {@code FunctionName}.
	 * @param functionName as the caller sent it (decoded)
	 * @return the reference, or null when it fits none of Lambda's forms
	 */
	static @Nullable FunctionReference parse(String functionName) {
		if (functionName.length() > 256) {
			return null;
		}
		Matcher matcher = FORMS.matcher(functionName);
		if (!matcher.matches()) {
			return null;
		}
		String region = (matcher.group("arnRegion") != null) ? matcher.group("arnRegion") : matcher.group("region");
		String account = (matcher.group("arnAccount") != null) ? matcher.group("arnAccount") : matcher.group("account");
		return new FunctionReference(region, account, matcher.group("name"), matcher.group("qualifier"));
	}

}
