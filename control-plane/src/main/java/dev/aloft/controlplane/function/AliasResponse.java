package dev.aloft.controlplane.function;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * An alias as the API shows it.
 *
 * @param namespace the owning namespace
 * @param function the function
 * @param name the alias name
 * @param functionVersion the version it points at
 * @param routingConfig the weighted second version, when there is one
 * @param description free text
 * @param revisionId changes whenever the alias changes
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AliasResponse(String namespace, String function, String name, String functionVersion,
		AliasRequest.@Nullable RoutingConfigRequest routingConfig, String description, String revisionId,
		Instant createdAt, Instant updatedAt) {

	static AliasResponse from(String namespace, String function, Alias alias) {
		AliasTarget target = alias.target();
		AliasRequest.RoutingConfigRequest routing = (target.additionalVersion() != null)
				? new AliasRequest.RoutingConfigRequest(target.additionalVersion(), target.additionalVersionWeight())
				: null;
		return new AliasResponse(namespace, function, alias.name(), target.functionVersion(), routing,
				alias.description(), alias.revisionId().toString(), alias.createdAt(), alias.updatedAt());
	}

}
