package dev.aloft.controlplane.function;

import java.time.Instant;

/**
 * The provisioned concurrency of one published version or alias, for the API and other
 * features. Invokers pick configurations up from the feed within moments, so the status
 * is reported {@code READY} (with everything allocated) as soon as it is saved.
 *
 * @param qualifier the version or alias
 * @param functionVersion the published version it keeps environments of
 * @param requestedProvisionedConcurrentExecutions how many environments were asked for
 * @param allocatedProvisionedConcurrentExecutions how many are allocated
 * @param availableProvisionedConcurrentExecutions how many are available
 * @param status {@code READY}
 * @param updatedAt when it last changed
 */
public record ProvisionedConcurrencyResponse(String qualifier, String functionVersion,
		int requestedProvisionedConcurrentExecutions, int allocatedProvisionedConcurrentExecutions,
		int availableProvisionedConcurrentExecutions, String status, Instant updatedAt) {

	static final String READY = "READY";

	static ProvisionedConcurrencyResponse from(ProvisionedConcurrency configuration, String functionVersion) {
		int executions = configuration.provisionedConcurrentExecutions();
		return new ProvisionedConcurrencyResponse(configuration.qualifier(), functionVersion, executions, executions,
				executions, READY, configuration.updatedAt());
	}

}
