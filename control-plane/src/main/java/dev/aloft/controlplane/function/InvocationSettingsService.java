package dev.aloft.controlplane.function;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.aloft.contracts.config.EventInvokeConfig;
import dev.aloft.contracts.config.FunctionConcurrencyConfig;
import dev.aloft.contracts.config.FunctionVersionConfig;
import dev.aloft.contracts.config.ResourceKind;
import dev.aloft.controlplane.configfeed.ConfigFeed;
import dev.aloft.controlplane.system.ProblemType;
import dev.aloft.problems.PlatformException;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * How a function may be invoked: its reserved concurrency, and the retries and
 * destinations of its asynchronous invocations, per qualifier.
 */
@Service
public class InvocationSettingsService {

	private static final Pattern FUNCTION_ARN = Pattern
		.compile("arn:aws:lambda:[a-z0-9-]+:\\d{12}:function:([a-zA-Z0-9_-]{1,64})(:[a-zA-Z0-9$_-]+)?");

	private static final Pattern QUEUE_ARN = Pattern.compile("arn:aws:sqs:[a-z0-9-]+:\\d{12}:[a-zA-Z0-9_-]{1,80}");

	/** S3 bucket names: 3–63 lower-case letters, digits, dots and hyphens. */
	private static final Pattern BUCKET_ARN = Pattern.compile("arn:aws:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

	private final FunctionService functions;

	private final FunctionDefinitionRepository definitions;

	private final VersionService versions;

	private final AliasService aliases;

	private final EventInvokeSettingsRepository eventInvokeSettings;

	private final ConfigFeed configFeed;

	private final ProvisionedConcurrencyRepository provisioned;

	private final Clock clock = Clock.systemUTC();

	InvocationSettingsService(FunctionService functions, FunctionDefinitionRepository definitions,
			VersionService versions, AliasService aliases, EventInvokeSettingsRepository eventInvokeSettings,
			ConfigFeed configFeed, ProvisionedConcurrencyRepository provisioned) {
		this.functions = functions;
		this.definitions = definitions;
		this.versions = versions;
		this.aliases = aliases;
		this.eventInvokeSettings = eventInvokeSettings;
		this.configFeed = configFeed;
		this.provisioned = provisioned;
	}

	@Transactional
	public int reserveConcurrency(String namespace, String name, int reservedConcurrency) {
		FunctionDefinition function = this.functions.find(namespace, name);
		int provisioned = this.provisioned.findByFunctionIdOrderByQualifier(function.id())
			.stream()
			.mapToInt(ProvisionedConcurrency::provisionedConcurrentExecutions)
			.sum();
		if (reservedConcurrency < provisioned) {
			// Provisioned environments count against the reservation, as in Lambda.
			throw invalid("Reserved concurrency " + reservedConcurrency
					+ " is less than the function's total provisioned concurrency (" + provisioned + ")");
		}
		function.reserveConcurrency(reservedConcurrency, now());
		this.definitions.save(function);
		this.configFeed.publish(new FunctionConcurrencyConfig(namespace, name, reservedConcurrency));
		return reservedConcurrency;
	}

	@Transactional(readOnly = true)
	public Optional<Integer> reservedConcurrency(String namespace, String name) {
		return Optional.ofNullable(this.functions.find(namespace, name).reservedConcurrency());
	}

	@Transactional
	public void releaseConcurrency(String namespace, String name) {
		FunctionDefinition function = this.functions.find(namespace, name);
		if (function.reservedConcurrency() != null) {
			function.reserveConcurrency(null, now());
			this.definitions.save(function);
			this.configFeed.retract(ResourceKind.FUNCTION_CONCURRENCY,
					FunctionConcurrencyConfig.keyOf(namespace, name));
		}
	}

	@Transactional
	EventInvokeSettings configureEventInvoke(String namespace, String name, String qualifier,
			EventInvokeRequest request) {
		FunctionDefinition function = this.functions.find(namespace, name);
		requireQualifier(function, qualifier);
		requireDestination(namespace, name, request.onSuccessDestination(), false);
		requireDestination(namespace, name, request.onFailureDestination(), true);
		EventInvokeSettings settings = this.eventInvokeSettings.findByFunctionIdAndQualifier(function.id(), qualifier)
			.orElseGet(() -> new EventInvokeSettings(function.id(), qualifier));
		settings.replace(request, now());
		this.eventInvokeSettings.save(settings);
		this.configFeed.publish(settings.config(namespace, name));
		return settings;
	}

	/**
	 * Replaces the asynchronous invocation settings of a qualifier.
	 * @param namespace the namespace
	 * @param name the function
	 * @param qualifier {@code $LATEST}, a version or an alias
	 * @param request the whole new settings
	 * @return the settings
	 */
	@Transactional
	public EventInvokeSettingsResponse replaceEventInvoke(String namespace, String name, String qualifier,
			EventInvokeRequest request) {
		return EventInvokeSettingsResponse.from(namespace, name,
				configureEventInvoke(namespace, name, qualifier, request));
	}

	/**
	 * Reads the asynchronous invocation settings of a qualifier.
	 * @param namespace the namespace
	 * @param name the function
	 * @param qualifier {@code $LATEST}, a version or an alias
	 * @return the settings
	 */
	@Transactional(readOnly = true)
	public EventInvokeSettingsResponse describeEventInvoke(String namespace, String name, String qualifier) {
		return EventInvokeSettingsResponse.from(namespace, name, eventInvoke(namespace, name, qualifier));
	}

	@Transactional(readOnly = true)
	EventInvokeSettings eventInvoke(String namespace, String name, String qualifier) {
		FunctionDefinition function = this.functions.find(namespace, name);
		return this.eventInvokeSettings.findByFunctionIdAndQualifier(function.id(), qualifier)
			.orElseThrow(() -> new PlatformException(ProblemType.SETTING_NOT_FOUND,
					"Function " + name + ":" + qualifier + " has no asynchronous invocation settings"));
	}

	@Transactional(readOnly = true)
	List<EventInvokeSettings> eventInvokes(String namespace, String name) {
		return this.eventInvokeSettings.findByFunctionId(this.functions.find(namespace, name).id());
	}

	@Transactional
	public void removeEventInvoke(String namespace, String name, String qualifier) {
		this.eventInvokeSettings.delete(eventInvoke(namespace, name, qualifier));
		this.configFeed.retract(ResourceKind.EVENT_INVOKE_CONFIG, EventInvokeConfig.keyOf(namespace, name, qualifier));
	}

	private void requireQualifier(FunctionDefinition function, String qualifier) {
		if (!qualifier.equals(FunctionVersionConfig.LATEST) && !this.versions.exists(function, qualifier)
				&& !this.aliases.exists(function, qualifier)) {
			throw new PlatformException(ProblemType.VALIDATION_FAILED,
					"Function " + function.name() + " has no version or alias " + qualifier);
		}
	}

	/**
	 * A destination is another function of the namespace (by ARN), a queue (by ARN), an
	 * http(s) webhook, or, on failure only (as on Lambda), an S3 bucket (by ARN).
	 */
	private void requireDestination(String namespace, String name, @Nullable String destination, boolean onFailure) {
		if (destination == null) {
			return;
		}
		if (destination.startsWith("arn:aws:s3:")) {
			requireBucket(destination, onFailure);
			return;
		}
		Matcher function = FUNCTION_ARN.matcher(destination);
		if (function.matches()) {
			if (function.group(1).equals(name)) {
				throw invalid("A function cannot be its own destination");
			}
			try {
				this.functions.requireExisting(namespace, function.group(1));
			}
			catch (PlatformException ex) {
				throw invalid("The destination " + destination + " is invalid: no function " + function.group(1));
			}
			return;
		}
		if (QUEUE_ARN.matcher(destination).matches() || isWebhook(destination)) {
			return;
		}
		throw invalid("The destination " + destination
				+ " is invalid: use a function ARN, an SQS queue ARN, an S3 bucket ARN (on failure) or an http(s) URL");
	}

	private static void requireBucket(String destination, boolean onFailure) {
		if (!onFailure) {
			// Lambda's own words, for clients that look for them.
			throw invalid("S3 buckets are supported only for on-failure destinations.");
		}
		if (!BUCKET_ARN.matcher(destination).matches()) {
			throw invalid("The destination " + destination + " is not a valid S3 bucket ARN: arn:aws:s3:::<bucket>,"
					+ " the bucket's name 3 to 63 lower-case letters, digits, dots and hyphens, beginning and ending"
					+ " with a letter or digit");
		}
	}

	private static boolean isWebhook(String destination) {
		try {
			URI uri = URI.create(destination);
			return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private static PlatformException invalid(String detail) {
		return new PlatformException(ProblemType.VALIDATION_FAILED, detail);
	}

	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

}
