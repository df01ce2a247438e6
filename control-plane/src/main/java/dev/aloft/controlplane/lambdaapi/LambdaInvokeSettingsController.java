package dev.aloft.controlplane.lambdaapi;

import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.aloft.controlplane.accesskey.Caller;
import dev.aloft.controlplane.accesskey.Capability;
import dev.aloft.controlplane.function.EventInvokeRequest;
import dev.aloft.controlplane.function.EventInvokeSettingsResponse;
import dev.aloft.controlplane.function.InvocationSettingsService;
import dev.aloft.problems.PlatformException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Lambda's reserved concurrency ({@code Put/Get/DeleteFunctionConcurrency}) and
 * asynchronous invocation settings
 * ({@code Put/Update/Get/DeleteFunctionEventInvokeConfig}).
 */
@RestController
class LambdaInvokeSettingsController {

	private static final String EVENT_INVOKE_CONFIG = "/2019-09-25/functions/{functionName}/event-invoke-config";

	private static final Map<String, String> MEMBER_NAMES = Map.of("maximumRetryAttempts", "maximumRetryAttempts",
			"maximumEventAgeSeconds", "maximumEventAgeInSeconds", "onSuccessDestination",
			"destinationConfig.onSuccess.destination", "onFailureDestination",
			"destinationConfig.onFailure.destination");

	private final InvocationSettingsService settings;

	private final LambdaTargets targets;

	private final LambdaRequests requests;

	LambdaInvokeSettingsController(InvocationSettingsService settings, LambdaTargets targets, LambdaRequests requests) {
		this.settings = settings;
		this.targets = targets;
		this.requests = requests;
	}

	@PutMapping("/2017-10-31/functions/{functionName}/concurrency")
	Concurrency reserveConcurrency(Caller caller, @PathVariable String functionName,
			@RequestBody(required = false) byte @Nullable [] body) {
		Concurrency request = this.requests.read(body, Concurrency.class);
		FunctionRef function = this.targets.function(caller, functionName, Capability.WRITE, "PutFunctionConcurrency")
			.unqualified();
		Integer reserved = request.reservedConcurrentExecutions();
		if (reserved == null || reserved < 0) {
			throw LambdaException.invalidParameter("ReservedConcurrentExecutions must be a number of at least 0");
		}
		return new Concurrency(this.settings.reserveConcurrency(function.namespace(), function.name(), reserved));
	}

	@GetMapping("/2019-09-30/functions/{functionName}/concurrency")
	Concurrency concurrency(Caller caller, @PathVariable String functionName) {
		FunctionRef function = this.targets.function(caller, functionName, Capability.READ, "GetFunctionConcurrency")
			.unqualified();
		return new Concurrency(this.settings.reservedConcurrency(function.namespace(), function.name()).orElse(null));
	}

	@DeleteMapping("/2017-10-31/functions/{functionName}/concurrency")
	ResponseEntity<Void> releaseConcurrency(Caller caller, @PathVariable String functionName) {
		FunctionRef function = this.targets
			.function(caller, functionName, Capability.WRITE, "DeleteFunctionConcurrency")
			.unqualified();
		this.settings.releaseConcurrency(function.namespace(), function.name());
		return ResponseEntity.noContent().build();
	}

	/**
	 * Replaces the settings: what is left out takes its default.
	 */
	@PutMapping(EVENT_INVOKE_CONFIG)
	EventInvokeConfiguration putEventInvoke(Caller caller, @PathVariable String functionName,
			@RequestParam(name = "Qualifier", required = false) @Nullable String qualifier,
			@RequestBody(required = false) byte @Nullable [] body) {
		EventInvokeBody request = this.requests.read(body, EventInvokeBody.class);
		FunctionRef function = this.targets.function(caller, functionName, Capability.WRITE,
				"PutFunctionEventInvokeConfig");
		return save(function, function.qualifier(qualifier), request, null);
	}

	/**
	 * Changes only the settings the request carries.
	 */
	@PostMapping(EVENT_INVOKE_CONFIG)
	EventInvokeConfiguration updateEventInvoke(Caller caller, @PathVariable String functionName,
			@RequestParam(name = "Qualifier", required = false) @Nullable String qualifierParameter,
			@RequestBody(required = false) byte @Nullable [] body) {
		EventInvokeBody request = this.requests.read(body, EventInvokeBody.class);
		FunctionRef function = this.targets.function(caller, functionName, Capability.WRITE,
				"UpdateFunctionEventInvokeConfig");
		String qualifier = function.qualifier(qualifierParameter);
		EventInvokeSettingsResponse current;
		try {
			current = this.settings.describeEventInvoke(function.namespace(), function.name(), latest(qualifier));
		}
		catch (PlatformException ex) {
			if (ex.getStatusCode().value() != 404) {
				throw ex;
			}
			current = null;
		}
		return save(function, qualifier, request, current);
	}

	@GetMapping(EVENT_INVOKE_CONFIG)
	EventInvokeConfiguration eventInvoke(Caller caller, @PathVariable String functionName,
			@RequestParam(name = "Qualifier", required = false) @Nullable String qualifierParameter) {
		FunctionRef function = this.targets.function(caller, functionName, Capability.READ,
				"GetFunctionEventInvokeConfig");
		String qualifier = latest(function.qualifier(qualifierParameter));
		return EventInvokeConfiguration.of(function,
				this.settings.describeEventInvoke(function.namespace(), function.name(), qualifier));
	}

	@DeleteMapping(EVENT_INVOKE_CONFIG)
	ResponseEntity<Void> deleteEventInvoke(Caller caller, @PathVariable String functionName,
			@RequestParam(name = "Qualifier", required = false) @Nullable String qualifierParameter) {
		FunctionRef function = this.targets.function(caller, functionName, Capability.WRITE,
				"DeleteFunctionEventInvokeConfig");
		this.settings.removeEventInvoke(function.namespace(), function.name(),
				latest(function.qualifier(qualifierParameter)));
		return ResponseEntity.noContent().build();
	}

	private EventInvokeConfiguration save(FunctionRef function, @Nullable String qualifier, EventInvokeBody request,
			@Nullable EventInvokeSettingsResponse current) {
		String onSuccess = destination(request, true);
		String onFailure = destination(request, false);
		if (request.maximumRetryAttempts() == null && request.maximumEventAgeInSeconds() == null && onSuccess == null
				&& onFailure == null) {
			throw LambdaException
				.invalidParameter("You must specify at least one of error handling or destination setting.");
		}
		EventInvokeRequest replacement = (current == null)
				? new EventInvokeRequest(request.maximumRetryAttempts(), request.maximumEventAgeInSeconds(), onSuccess,
						onFailure)
				: new EventInvokeRequest(
						Objects.requireNonNullElse(request.maximumRetryAttempts(), current.maximumRetryAttempts()),
						Objects.requireNonNullElse(request.maximumEventAgeInSeconds(),
								current.maximumEventAgeSeconds()),
						(onSuccess != null) ? onSuccess : current.onSuccessDestination(),
						(onFailure != null) ? onFailure : current.onFailureDestination());
		this.requests.valid(replacement, MEMBER_NAMES);
		return EventInvokeConfiguration.of(function, this.settings.replaceEventInvoke(function.namespace(),
				function.name(), latest(qualifier), replacement));
	}

	private static @Nullable String destination(EventInvokeBody request, boolean onSuccess) {
		DestinationConfig config = request.destinationConfig();
		if (config == null) {
			return null;
		}
		Destination destination = onSuccess ? config.onSuccess() : config.onFailure();
		return (destination != null) ? destination.destination() : null;
	}

	private static String latest(@Nullable String qualifier) {
		return (qualifier != null) ? qualifier : "$LATEST";
	}

	/**
	 * {@code Put/UpdateFunctionEventInvokeConfig}.
	 *
	 * @param maximumRetryAttempts 0–2
	 * @param maximumEventAgeInSeconds 60–21600
	 * @param destinationConfig where records go
	 */
	@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
	record EventInvokeBody(@Nullable Integer maximumRetryAttempts, @Nullable Integer maximumEventAgeInSeconds,
			@Nullable DestinationConfig destinationConfig) {
	}

	/**
	 * Destinations of success and failure records.
	 *
	 * @param onSuccess on success
	 * @param onFailure on failure
	 */
	@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record DestinationConfig(@Nullable Destination onSuccess, @Nullable Destination onFailure) {
	}

	/**
	 * One destination.
	 *
	 * @param destination an ARN (function, queue) or an http(s) URL
	 */
	@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Destination(@Nullable String destination) {
	}

	/**
	 * Lambda's {@code FunctionEventInvokeConfig}.
	 *
	 * @param lastModified epoch seconds
	 * @param functionArn the qualified ARN
	 * @param maximumRetryAttempts retries
	 * @param maximumEventAgeInSeconds the most an event may wait
	 * @param destinationConfig where records go
	 */
	@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record EventInvokeConfiguration(double lastModified, String functionArn, int maximumRetryAttempts,
			int maximumEventAgeInSeconds, DestinationConfig destinationConfig) {

		static EventInvokeConfiguration of(FunctionRef function, EventInvokeSettingsResponse settings) {
			return new EventInvokeConfiguration(LambdaTimes.epochSeconds(settings.updatedAt()),
					function.arn(settings.qualifier()), settings.maximumRetryAttempts(),
					settings.maximumEventAgeSeconds(),
					new DestinationConfig(
							(settings.onSuccessDestination() != null) ? new Destination(settings.onSuccessDestination())
									: null,
							(settings.onFailureDestination() != null) ? new Destination(settings.onFailureDestination())
									: null));
		}

	}

	/**
	 * A function's reserved concurrency: the body of {@code Put/GetFunctionConcurrency},
	 * and {@code GetFunction}'s {@code Concurrency}.
	 *
	 * @param reservedConcurrentExecutions the most concurrent invocations
	 */
	@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Concurrency(@Nullable Integer reservedConcurrentExecutions) {
	}

}
