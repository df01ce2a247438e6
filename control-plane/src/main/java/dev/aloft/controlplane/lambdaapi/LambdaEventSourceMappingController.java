package dev.aloft.controlplane.lambdaapi;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.aloft.contracts.config.EventSourceMappingConfig.SourceType;
import dev.aloft.controlplane.accesskey.Caller;
import dev.aloft.controlplane.accesskey.Capability;
import dev.aloft.controlplane.eventsource.EventSourceMappingRequest;
import dev.aloft.controlplane.eventsource.EventSourceMappingRequest.StartingPosition;
import dev.aloft.controlplane.eventsource.EventSourceMappingResponse;
import dev.aloft.controlplane.eventsource.EventSourceMappingService;
import dev.aloft.controlplane.lambdaapi.EventSourceMappingBodies.MappingBody;
import dev.aloft.controlplane.lambdaapi.EventSourceMappingBodies.MappingConfiguration;
import dev.aloft.controlplane.lambdaapi.EventSourceMappingBodies.MappingList;
import dev.aloft.controlplane.system.CursorPage;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
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
 * Lambda's {@code Create/Get/Update/Delete/ListEventSourceMappings}, for SQS queues
 * ({@code EventSourceArn}) and self-managed Kafka ({@code SelfManagedEventSource}).
 * Mappings named by UUID belong to the caller's home namespace (its only namespace, else
 * {@code default}); a mapping of another namespace is not found.
 */
@RestController
class LambdaEventSourceMappingController {

	private static final String MAPPINGS = "/2015-03-31/event-source-mappings";

	private static final Map<String, String> MEMBER_NAMES = Map.ofEntries(Map.entry("function", "functionName"),
			Map.entry("eventSourceArn", "eventSourceArn"), Map.entry("batchSize", "batchSize"),
			Map.entry("maximumBatchingWindowSeconds", "maximumBatchingWindowInSeconds"),
			Map.entry("maximumRetryAttempts", "maximumRetryAttempts"),
			Map.entry("maximumRecordAgeSeconds", "maximumRecordAgeInSeconds"),
			Map.entry("maximumConcurrency", "scalingConfig.maximumConcurrency"),
			Map.entry("filterPatterns", "filterCriteria.filters"), Map.entry("topics", "topics"),
			Map.entry("endpoints", "selfManagedEventSource.endpoints"));

	private final EventSourceMappingService mappings;

	private final LambdaTargets targets;

	private final LambdaRequests requests;

	LambdaEventSourceMappingController(EventSourceMappingService mappings, LambdaTargets targets,
			LambdaRequests requests) {
		this.mappings = mappings;
		this.targets = targets;
		this.requests = requests;
	}

	@PostMapping(MAPPINGS)
	ResponseEntity<MappingConfiguration> create(Caller caller, @RequestBody(required = false) byte @Nullable [] body) {
		MappingBody request = this.requests.read(body, MappingBody.class);
		FunctionRef function = this.targets.function(caller, request.functionName(), Capability.WRITE,
				"CreateEventSourceMapping");
		SourceType sourceType = sourceType(request);
		EventSourceMappingRequest create = this.requests.valid(new EventSourceMappingRequest(function.name(),
				function.qualifier(), sourceType, request.eventSourceArn(), request.kafkaBootstrapServers(),
				request.topics(), null, request.enabled(), request.batchSize(),
				request.maximumBatchingWindowInSeconds(), startingPosition(request.startingPosition()),
				(request.startingPositionTimestamp() != null) ? request.startingPositionTimestamp().longValue() : null,
				reportBatchItemFailures(request.functionResponseTypes()), request.bisectBatchOnFunctionError(),
				request.maximumRetryAttempts(), request.maximumRecordAgeInSeconds(), request.onFailureDestination(),
				(request.scalingConfig() != null) ? request.scalingConfig().maximumConcurrency() : null,
				request.filterPatterns()), MEMBER_NAMES);
		EventSourceMappingResponse mapping = this.mappings.create(function.namespace(), create);
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(MappingConfiguration.of(function, mapping, "Creating"));
	}

	@GetMapping(MAPPINGS + "/{uuid}")
	MappingConfiguration get(Caller caller, @PathVariable String uuid) {
		FunctionRef home = this.targets.home(caller, Capability.READ, "GetEventSourceMapping");
		return MappingConfiguration.of(home, this.mappings.get(home.namespace(), id(uuid)), null);
	}

	/**
	 * Changes only what the request carries; the source stays.
	 */
	@PutMapping(MAPPINGS + "/{uuid}")
	ResponseEntity<MappingConfiguration> update(Caller caller, @PathVariable String uuid,
			@RequestBody(required = false) byte @Nullable [] body) {
		MappingBody request = this.requests.read(body, MappingBody.class);
		FunctionRef home = this.targets.home(caller, Capability.WRITE, "UpdateEventSourceMapping");
		EventSourceMappingRequest current = this.mappings.get(home.namespace(), id(uuid)).toRequest();
		String functionName = current.function();
		String qualifier = current.qualifier();
		if (request.functionName() != null) {
			FunctionRef function = this.targets.function(caller, request.functionName(), Capability.WRITE,
					"UpdateEventSourceMapping");
			if (!function.namespace().equals(home.namespace())) {
				throw LambdaException.invalidParameter("A mapping and its function must be in the same namespace");
			}
			functionName = function.name();
			qualifier = function.qualifier();
		}
		EventSourceMappingRequest update = this.requests.valid(new EventSourceMappingRequest(functionName, qualifier,
				current.sourceType(), current.eventSourceArn(), current.endpoints(), current.topics(), current.queues(),
				or(request.enabled(), current.enabled()), or(request.batchSize(), current.batchSize()),
				or(request.maximumBatchingWindowInSeconds(), current.maximumBatchingWindowSeconds()),
				current.startingPosition(), current.startingPositionTimestamp(),
				(request.functionResponseTypes() != null) ? reportBatchItemFailures(request.functionResponseTypes())
						: current.reportBatchItemFailures(),
				or(request.bisectBatchOnFunctionError(), current.bisectBatchOnFunctionError()),
				or(request.maximumRetryAttempts(), current.maximumRetryAttempts()),
				or(request.maximumRecordAgeInSeconds(), current.maximumRecordAgeSeconds()),
				or(request.onFailureDestination(), current.onFailureDestination()),
				(request.scalingConfig() != null) ? request.scalingConfig().maximumConcurrency()
						: current.maximumConcurrency(),
				or(request.filterPatterns(), current.filterPatterns())), MEMBER_NAMES);
		EventSourceMappingResponse mapping = this.mappings.update(home.namespace(), id(uuid), "*", update);
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(MappingConfiguration.of(home, mapping, "Updating"));
	}

	@DeleteMapping(MAPPINGS + "/{uuid}")
	ResponseEntity<MappingConfiguration> delete(Caller caller, @PathVariable String uuid) {
		FunctionRef home = this.targets.home(caller, Capability.WRITE, "DeleteEventSourceMapping");
		EventSourceMappingResponse mapping = this.mappings.delete(home.namespace(), id(uuid));
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(MappingConfiguration.of(home, mapping, "Deleting"));
	}

	@GetMapping(MAPPINGS)
	MappingList list(Caller caller,
			@RequestParam(name = "FunctionName", required = false) @Nullable String functionName,
			@RequestParam(name = "EventSourceArn", required = false) @Nullable String eventSourceArn,
			@RequestParam(name = "Marker", required = false) @Nullable String marker,
			@RequestParam(name = "MaxItems", required = false) @Nullable Integer maxItems) {
		FunctionRef scope = (functionName != null)
				? this.targets.function(caller, functionName, Capability.READ, "ListEventSourceMappings")
				: this.targets.home(caller, Capability.READ, "ListEventSourceMappings");
		CursorPage<EventSourceMappingResponse> page = this.mappings.list(scope.namespace(),
				(functionName != null) ? scope.name() : null, eventSourceArn,
				LambdaFunctionController.pageSize(maxItems, 100), marker);
		List<MappingConfiguration> items = page.items()
			.stream()
			.map((mapping) -> MappingConfiguration.of(scope, mapping, null))
			.toList();
		return new MappingList(items, page.nextPageToken());
	}

	private static SourceType sourceType(MappingBody request) {
		String arn = request.eventSourceArn();
		if (arn != null && arn.startsWith("arn:aws:sqs:")) {
			return SourceType.SQS;
		}
		if (arn == null && request.kafkaBootstrapServers() != null) {
			return SourceType.KAFKA;
		}
		throw LambdaException.invalidParameter("Unsupported event source: Aloft maps SQS queues (EventSourceArn "
				+ "arn:aws:sqs:...) and self-managed Kafka (SelfManagedEventSource.Endpoints.KAFKA_BOOTSTRAP_SERVERS)");
	}

	private static @Nullable StartingPosition startingPosition(@Nullable String position) {
		if (position == null) {
			return null;
		}
		try {
			return StartingPosition.valueOf(position);
		}
		catch (IllegalArgumentException ex) {
			throw LambdaException.invalidParameter("Value " + position + " at 'startingPosition' failed to satisfy "
					+ "constraint: Member must satisfy enum value set: [LATEST, TRIM_HORIZON, AT_TIMESTAMP]");
		}
	}

	private static @Nullable Boolean reportBatchItemFailures(@Nullable List<String> types) {
		if (types == null) {
			return null;
		}
		for (String type : types) {
			if (!"ReportBatchItemFailures".equals(type)) {
				throw LambdaException.invalidParameter("Value " + type + " at 'functionResponseTypes' failed to "
						+ "satisfy constraint: Member must satisfy enum value set: [ReportBatchItemFailures]");
			}
		}
		return !types.isEmpty();
	}

	private static UUID id(String uuid) {
		try {
			return UUID.fromString(uuid);
		}
		catch (IllegalArgumentException ex) {
			throw LambdaException
				.notFound("The resource you requested does not exist. (Event source mapping " + uuid + ")");
		}
	}

	private static <T> @Nullable T or(@Nullable T value, @Nullable T current) {
		return (value != null) ? value : current;
	}

}
