package dev.aloft.controlplane.function;

import dev.aloft.controlplane.system.CursorPage;
import dev.aloft.controlplane.system.PublicApi;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v1/namespaces/{namespace}/functions/{function}/provisioned-concurrency/{qualifier}}:
 * environments kept ready for a published version or alias.
 */
@PublicApi
@RestController
@RequestMapping(path = "/namespaces/{namespace}/functions/{function}/provisioned-concurrency", version = "1")
class ProvisionedConcurrencyController {

	private final ProvisionedConcurrencyService provisioned;

	ProvisionedConcurrencyController(ProvisionedConcurrencyService provisioned) {
		this.provisioned = provisioned;
	}

	@PutMapping("/{qualifier}")
	ProvisionedConcurrencyResponse provision(@PathVariable String namespace, @PathVariable String function,
			@PathVariable String qualifier, @Valid @RequestBody ProvisionRequest request) {
		return this.provisioned.provision(namespace, function, qualifier, request.provisionedConcurrentExecutions());
	}

	@GetMapping("/{qualifier}")
	ProvisionedConcurrencyResponse describe(@PathVariable String namespace, @PathVariable String function,
			@PathVariable String qualifier) {
		return this.provisioned.describe(namespace, function, qualifier);
	}

	@GetMapping
	CursorPage<ProvisionedConcurrencyResponse> list(@PathVariable String namespace, @PathVariable String function) {
		return new CursorPage<>(this.provisioned.list(namespace, function), null);
	}

	@DeleteMapping("/{qualifier}")
	ResponseEntity<Void> remove(@PathVariable String namespace, @PathVariable String function,
			@PathVariable String qualifier) {
		this.provisioned.remove(namespace, function, qualifier);
		return ResponseEntity.noContent().build();
	}

	/**
	 * The provisioned concurrency to set.
	 *
	 * @param provisionedConcurrentExecutions how many environments to keep ready
	 */
	record ProvisionRequest(@NotNull @Min(1) Integer provisionedConcurrentExecutions) {
	}

}
