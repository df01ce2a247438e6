package dev.aloft.controlplane.permission;

import java.time.Instant;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * A statement of a function's resource policy as the API shows it.
 *
 * @param statementId its id, unique within the function
 * @param namespace the function's namespace
 * @param function the function
 * @param accessKeyId the key that may invoke the function
 * @param qualifier the only qualifier it may invoke, or absent for every qualifier
 * @param createdAt when it was added
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PermissionResponse(String statementId, String namespace, String function, String accessKeyId,
		@Nullable String qualifier, Instant createdAt) {

	static PermissionResponse from(FunctionPermission permission) {
		return new PermissionResponse(permission.statementId(), permission.namespace(), permission.functionName(),
				permission.accessKeyId(), permission.qualifier(), permission.createdAt());
	}

	/**
	 * Whether this statement says what a request asks for.
	 * @param request the request
	 * @return whether it does
	 */
	boolean grants(PermissionRequest request) {
		return this.accessKeyId.equals(request.accessKeyId()) && Objects.equals(this.qualifier, request.qualifier());
	}

}
