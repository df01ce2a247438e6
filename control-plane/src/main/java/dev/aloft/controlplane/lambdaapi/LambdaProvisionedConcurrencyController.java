package dev.aloft.controlplane.lambdaapi;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.aloft.controlplane.accesskey.Caller;
import dev.aloft.controlplane.accesskey.Capability;
import dev.aloft.controlplane.function.ProvisionedConcurrencyResponse;
import dev.aloft.controlplane.function.ProvisionedConcurrencyService;
import dev.aloft.problems.PlatformException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Lambda's provisioned concurrency
 * ({@code Put/Get/Delete/ListProvisionedConcurrencyConfig}). Configurations are reported
 * {@code READY} as soon as they are saved: invokers pick them up from the feed and start
 * the environments within moments.
 */
@RestController
class LambdaProvisionedConcurrencyController {

	private static final String PROVISIONED = "/2019-09-30/functions/{functionName}/provisioned-concurrency";

	private static final String NOT_FOUND_CODE = "ProvisionedConcurrencyConfigNotFoundException";

	private final ProvisionedConcurrencyService provisioned;

	private final LambdaTargets targets;

	private final LambdaRequests requests;

	LambdaProvisionedConcurrencyController(ProvisionedConcurrencyService provisioned, LambdaTargets targets,
			LambdaRequests requests) {
		this.provisioned = provisioned;
		this.targets = targets;
		this.requests = requests;
	}

	@PutMapping(PROVISIONED)
	ResponseEntity<ProvisionedConcurrencyConfiguration> put(Caller caller, @PathVariable String functionName,
			@RequestParam(name = "Qualifier", required = false) @Nullable String qualifierParameter,
			@RequestBody(required = false) byte @Nullable [] body) {
		PutBody request = this.requests.read(body, PutBody.class);
		FunctionRef function = this.targets.function(caller, functionName, Capability.WRITE,
				"PutProvisionedConcurrencyConfig");
		String qualifier = required(function.qualifier(qualifierParameter));
		Integer executions = request.provisionedConcurrentExecutions();
		if (executions == null || executions < 1) {
			throw LambdaException.invalidParameter("ProvisionedConcurrentExecutions must be a number of at least 1");
		}
		ProvisionedConcurrencyResponse saved = this.provisioned.provision(function.namespace(), function.name(),
				qualifier, executions);
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(ProvisionedConcurrencyConfiguration.of(saved));
	}

	/**
	 * {@code GetProvisionedConcurrencyConfig}, or with {@code List=ALL}
	 * {@code ListProvisionedConcurrencyConfigs} (same path).
	 */
	@GetMapping(PROVISIONED)
	Object get(Caller caller, @PathVariable String functionName,
			@RequestParam(name = "Qualifier", required = false) @Nullable String qualifierParameter,
			@RequestParam(name = "List", required = false) @Nullable String list,
			@RequestParam(name = "Marker", required = false) @Nullable String marker,
			@RequestParam(name = "MaxItems", required = false) @Nullable Integer maxItems) {
		if (list != null) {
			return list(caller, functionName, marker, maxItems);
		}
		FunctionRef function = this.targets.function(caller, functionName, Capability.READ,
				"GetProvisionedConcurrencyConfig");
		String qualifier = required(function.qualifier(qualifierParameter));
		try {
			return ProvisionedConcurrencyConfiguration
				.of(this.provisioned.describe(function.namespace(), function.name(), qualifier));
		}
		catch (PlatformException ex) {
			throw notFound(ex);
		}
	}

	@DeleteMapping(PROVISIONED)
	ResponseEntity<Void> delete(Caller caller, @PathVariable String functionName,
			@RequestParam(name = "Qualifier", required = false) @Nullable String qualifierParameter) {
		FunctionRef function = this.targets.function(caller, functionName, Capability.WRITE,
				"DeleteProvisionedConcurrencyConfig");
		String qualifier = required(function.qualifier(qualifierParameter));
		try {
			this.provisioned.remove(function.namespace(), function.name(), qualifier);
		}
		catch (PlatformException ex) {
			throw notFound(ex);
		}
		return ResponseEntity.noContent().build();
	}

	private ListResponse list(Caller caller, String functionName, @Nullable String marker, @Nullable Integer maxItems) {
		FunctionRef function = this.targets
			.function(caller, functionName, Capability.READ, "ListProvisionedConcurrencyConfigs")
			.unqualified();
		int size = LambdaFunctionController.pageSize(maxItems, 10_000);
		// Sorted by qualifier, so the marker is the last qualifier of the previous page.
		List<ProvisionedConcurrencyResponse> matching = this.provisioned.list(function.namespace(), function.name())
			.stream()
			.filter((item) -> marker == null || item.qualifier().compareTo(marker) > 0)
			.toList();
		List<ProvisionedConcurrencyResponse> page = matching.stream().limit(size).toList();
		return new ListResponse(page.stream().map((item) -> ListItem.of(function, item)).toList(),
				(matching.size() > size) ? page.getLast().qualifier() : null);
	}

	private static String required(@Nullable String qualifier) {
		if (qualifier == null) {
			throw LambdaException.invalidParameter("Qualifier is required: a published version or an alias");
		}
		return qualifier;
	}

	/**
	 * A missing configuration is Lambda's own exception; other problems translate as
	 * usual.
	 */
	private static RuntimeException notFound(PlatformException ex) {
		if (ex.problemType().name().equals("SETTING_NOT_FOUND")) {
			return new LambdaException(404, NOT_FOUND_CODE,
					"No Provisioned Concurrency Config found for this function");
		}
		return ex;
	}

	/**
	 * {@code PutProvisionedConcurrencyConfig}'s body.
	 *
	 * @param provisionedConcurrentExecutions at least 1
	 */
	@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
	record PutBody(@Nullable Integer provisionedConcurrentExecutions) {
	}

	/**
	 * Lambda's provisioned concurrency configuration.
	 *
	 * @param requestedProvisionedConcurrentExecutions asked for
	 * @param allocatedProvisionedConcurrentExecutions allocated
	 * @param availableProvisionedConcurrentExecutions available
	 * @param status {@code READY}
	 * @param statusReason absent unless failed
	 * @param lastModified ISO 8601
	 */
	@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record ProvisionedConcurrencyConfiguration(int requestedProvisionedConcurrentExecutions,
			int allocatedProvisionedConcurrentExecutions, int availableProvisionedConcurrentExecutions, String status,
			@Nullable String statusReason, String lastModified) {

		static ProvisionedConcurrencyConfiguration of(ProvisionedConcurrencyResponse response) {
			return new ProvisionedConcurrencyConfiguration(response.requestedProvisionedConcurrentExecutions(),
					response.allocatedProvisionedConcurrentExecutions(),
					response.availableProvisionedConcurrentExecutions(), response.status(), null,
					LambdaTimes.lastModified(response.updatedAt()));
		}

	}

	/**
	 * One item of {@code ListProvisionedConcurrencyConfigs}.
	 *
	 * @param functionArn the qualified ARN
	 * @param requestedProvisionedConcurrentExecutions asked for
	 * @param allocatedProvisionedConcurrentExecutions allocated
	 * @param availableProvisionedConcurrentExecutions available
	 * @param status {@code READY}
	 * @param statusReason absent unless failed
	 * @param lastModified ISO 8601
	 */
	@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record ListItem(String functionArn, int requestedProvisionedConcurrentExecutions,
			int allocatedProvisionedConcurrentExecutions, int availableProvisionedConcurrentExecutions, String status,
			@Nullable String statusReason, String lastModified) {

		static ListItem of(FunctionRef function, ProvisionedConcurrencyResponse response) {
			return new ListItem(function.arn(response.qualifier()), response.requestedProvisionedConcurrentExecutions(),
					response.allocatedProvisionedConcurrentExecutions(),
					response.availableProvisionedConcurrentExecutions(), response.status(), null,
					LambdaTimes.lastModified(response.updatedAt()));
		}

	}

	/**
	 * {@code ListProvisionedConcurrencyConfigs}.
	 *
	 * @param provisionedConcurrencyConfigs the page
	 * @param nextMarker the marker of the next page; absent on the last
	 */
	@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record ListResponse(List<ListItem> provisionedConcurrencyConfigs, @Nullable String nextMarker) {
	}

}
