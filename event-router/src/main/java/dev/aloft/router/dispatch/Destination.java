package dev.aloft.router.dispatch;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;
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
 * <li>{@code arn:aws:sqs:<region>:<account>:<name>}: a standard SQS queue, sent the
 * record as a message's body (a FIFO queue is unsupported, as on Lambda);</li>
 * <li>{@code arn:aws:s3:::<bucket>}: an S3 bucket, written the record as one object (see
 * {@link Bucket#objectKey}); Lambda takes buckets as on-failure destinations only, which
 * the control plane enforces;</li>
 * <li>any other ARN (SNS topics, EventBridge buses, Kafka topics) is unsupported: such
 * records go to the dead-letter store with the reason, from which they can be redriven;
 * what cannot be read at all is invalid.</li>
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
	 * An SQS queue ARN: {@code arn:aws:sqs:region:account:name}, with SQS's queue names.
	 */
	Pattern QUEUE_ARN = Pattern.compile(
			"arn:aws[a-zA-Z-]*:sqs:(?<region>[a-z0-9-]+):(?<account>\\d{12}):(?<name>[a-zA-Z0-9_-]{1,80}(?<fifo>\\.fifo)?)");

	/**
	 * An S3 bucket ARN: {@code arn:aws:s3:::bucket}, with S3's bucket names (3–63
	 * lower-case letters, digits, dots and hyphens, beginning and ending with a letter or
	 * digit). Bucket ARNs name no region or account.
	 */
	Pattern BUCKET_ARN = Pattern.compile("arn:aws[a-zA-Z-]*:s3:::(?<bucket>[a-z0-9][a-z0-9.-]{1,61}[a-z0-9])");

	/**
	 * The kind of destination, for metrics.
	 * @return {@code function}, {@code webhook}, {@code queue}, {@code bucket},
	 * {@code unsupported} or {@code invalid}
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
		Matcher queue = QUEUE_ARN.matcher(address);
		if (queue.matches()) {
			if (queue.group("fifo") != null) {
				return new Unsupported(address, "Destination " + address
						+ " is a FIFO queue, which destinations cannot be (as on Lambda): use a standard queue");
			}
			return new Queue(new QueueSender.Address(address, queue.group("region"), queue.group("account"),
					queue.group("name")));
		}
		if (address.matches("arn:[^:]*:sqs:.*")) {
			return new Invalid(address, "Destination " + address
					+ " is not a valid SQS queue ARN: arn:aws:sqs:<region>:<12-digit account>:<queue name>");
		}
		Matcher bucket = BUCKET_ARN.matcher(address);
		if (bucket.matches()) {
			return new Bucket(address, bucket.group("bucket"));
		}
		if (address.matches("arn:[^:]*:s3:.*")) {
			return new Invalid(address, "Destination " + address
					+ " is not a valid S3 bucket ARN: arn:aws:s3:::<bucket>, the bucket's name 3 to 63 lower-case"
					+ " letters, digits, dots and hyphens, beginning and ending with a letter or digit");
		}
		if (address.startsWith("arn:")) {
			return new Unsupported(address, "Destination " + address + " is " + unsupportedKind(address)
					+ ", which the router does not deliver to: use a function ARN, an SQS queue ARN, an S3 bucket ARN"
					+ " (on failure) or an http(s) URL");
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
	 * What an ARN the router does not deliver to names, for the reason.
	 */
	private static String unsupportedKind(String arn) {
		String[] parts = arn.split(":", 4);
		String service = (parts.length > 2) ? parts[2] : "";
		return switch (service) {
			case "sns" -> "an SNS topic";
			case "events" -> "an EventBridge event bus";
			case "kafka" -> "a Kafka topic";
			default -> "a " + (service.isEmpty() ? "resource" : service + " resource");
		};
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
	 * An SQS queue, sent the record through the {@link QueueSender}.
	 *
	 * @param address the queue
	 */
	record Queue(QueueSender.Address address) implements Destination {

		@Override
		public String type() {
			return "queue";
		}

	}

	/**
	 * An S3 bucket, written the record as one object through the {@link BucketWriter}.
	 *
	 * @param arn the bucket's ARN
	 * @param name the bucket's name
	 */
	record Bucket(String arn, String name) implements Destination {

		/**
		 * The date and time in keys, as Lambda writes them: UTC, dots between the time's
		 * parts.
		 */
		private static final DateTimeFormatter KEY_TIME = DateTimeFormatter
			.ofPattern("yyyy/MM/dd/yyyy-MM-dd'T'HH.mm.ss")
			.withZone(ZoneOffset.UTC);

		@Override
		public String type() {
			return "bucket";
		}

		/**
		 * The key of the object a record is written as, Lambda's layout for asynchronous
		 * invocations:
		 * {@code aws/lambda/async/<function>/YYYY/MM/DD/YYYY-MM-DDTHH.MM.SS-<delivery id>}.
		 * Lambda ends the key with a random UUID; this is the delivery's id, the same on
		 * every attempt, so a put that is retried (or repeated after a crash) writes the
		 * same object again rather than a second one.
		 * @param functionName the function the record is about
		 * @param at when the delivery was queued, the same on every attempt
		 * @param deliveryId the delivery's id
		 * @return the key
		 */
		static String objectKey(String functionName, Instant at, UUID deliveryId) {
			return "aws/lambda/async/" + functionName + "/" + KEY_TIME.format(at) + "-" + deliveryId;
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
