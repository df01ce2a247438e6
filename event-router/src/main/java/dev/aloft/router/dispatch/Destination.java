package dev.aloft.router.dispatch;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.aloft.contracts.config.FunctionVersionConfig;
import dev.aloft.router.EventRouterProperties;

/**
 * Where a destination record goes, read from its address:
 * <ul>
 * <li>{@code arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>]}: an
 * asynchronous invocation of that function, in the namespace of the function the record
 * is about;</li>
 * <li>{@code http://...} or {@code https://...}: a webhook, POSTed the record as
 * JSON;</li>
 * <li>{@code arn:aws:sqs:...}: an SQS queue. Not delivered yet: the SQS event-source work
 * adds a sender here, and until then such records go to the dead-letter store, from which
 * they can be redriven;</li>
 * <li>anything else (SNS topics, EventBridge buses, S3 buckets) is unsupported, and what
 * cannot be read at all is invalid.</li>
 * </ul>
 */
sealed interface Destination {

	/**
	 * A function ARN: {@code arn:aws:lambda:region:account:function:name[:qualifier]}.
	 */
	Pattern FUNCTION_ARN = Pattern.compile(
			"arn:aws[a-zA-Z-]*:lambda:(?<region>[a-z0-9-]+):(?<account>\\d{12}):function:(?<name>[a-zA-Z0-9_-]{1,64})"
					+ "(?::(?<qualifier>\\$LATEST|[a-zA-Z0-9_-]{1,128}))?");

	/**
	 * The kind of destination, for metrics.
	 * @return {@code function}, {@code webhook}, {@code queue}, {@code unsupported} or
	 * {@code invalid}
	 */
	String type();

	/**
	 * Reads a destination address.
	 * @param address the address
	 * @param router the region and account this router's functions live in
	 * @return the destination
	 */
	static Destination parse(String address, EventRouterProperties router) {
		Matcher function = FUNCTION_ARN.matcher(address);
		if (function.matches()) {
			if (!function.group("region").equals(router.region())
					|| !function.group("account").equals(router.accountId())) {
				return new Invalid(address, "Destination function " + address + " is not in region " + router.region()
						+ " and account " + router.accountId());
			}
			String qualifier = function.group("qualifier");
			return new FunctionTarget(function.group("name"),
					(qualifier != null) ? qualifier : FunctionVersionConfig.LATEST);
		}
		if (address.startsWith("arn:aws:sqs:")) {
			return new Queue(address);
		}
		if (address.startsWith("arn:")) {
			return new Unsupported(address, "Destination " + address
					+ " is not supported: use a function ARN, an SQS queue ARN or an http(s) URL");
		}
		String lower = address.toLowerCase(Locale.ROOT);
		if (lower.startsWith("http://") || lower.startsWith("https://")) {
			try {
				URI uri = new URI(address);
				if (uri.getHost() != null) {
					return new Webhook(uri);
				}
			}
			catch (URISyntaxException ex) {
				// Falls through to invalid.
			}
			return new Invalid(address, "Destination " + address + " is not a valid URL");
		}
		return new Invalid(address, "Destination " + address + " is neither an ARN nor an http(s) URL");
	}

	/**
	 * Another function, invoked asynchronously with the record.
	 *
	 * @param functionName the function, in the same namespace
	 * @param qualifier the qualifier to invoke
	 */
	record FunctionTarget(String functionName, String qualifier) implements Destination {

		@Override
		public String type() {
			return "function";
		}

	}

	/**
	 * A webhook, POSTed the record.
	 *
	 * @param uri the URL
	 */
	record Webhook(URI uri) implements Destination {

		@Override
		public String type() {
			return "webhook";
		}

	}

	/**
	 * An SQS queue: the extension point for the SQS work.
	 *
	 * @param arn the queue's ARN
	 */
	record Queue(String arn) implements Destination {

		@Override
		public String type() {
			return "queue";
		}

	}

	/**
	 * A destination of a kind the router does not deliver to.
	 *
	 * @param address the address
	 * @param reason why, for the dead-letter store
	 */
	record Unsupported(String address, String reason) implements Destination {

		@Override
		public String type() {
			return "unsupported";
		}

	}

	/**
	 * An address that cannot be used.
	 *
	 * @param address the address
	 * @param reason why, for the dead-letter store
	 */
	record Invalid(String address, String reason) implements Destination {

		@Override
		public String type() {
			return "invalid";
		}

	}

}
