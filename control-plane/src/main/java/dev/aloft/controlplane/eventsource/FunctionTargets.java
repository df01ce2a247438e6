package dev.aloft.controlplane.eventsource;

import java.util.Objects;
import java.util.UUID;

import dev.aloft.contracts.config.FunctionVersionConfig;
import dev.aloft.controlplane.function.FunctionLookup;
import dev.aloft.problems.PlatformException;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Checks that a trigger's target exists: the function, and its qualifier
 * ({@code $LATEST}, a published version or an alias).
 */
@Component
class FunctionTargets {

	private final FunctionLookup functions;

	FunctionTargets(FunctionLookup functions) {
		this.functions = functions;
	}

	/**
	 * The target of a trigger.
	 * @param namespace the namespace
	 * @param function the function's name
	 * @param qualifier {@code $LATEST}, a version or an alias; null for {@code $LATEST}
	 * @return the checked target
	 * @throws PlatformException {@code NAMESPACE_NOT_FOUND} or {@code FUNCTION_NOT_FOUND}
	 * (404), or {@code VALIDATION_FAILED} when the function has no such version or alias
	 */
	FunctionTarget require(String namespace, String function, @Nullable String qualifier) {
		UUID functionId = this.functions.requireId(namespace, function);
		String checked = Objects.requireNonNullElse(qualifier, FunctionVersionConfig.LATEST);
		if (!checked.equals(FunctionVersionConfig.LATEST) && !versionExists(functionId, checked)
				&& !this.functions.aliasExists(functionId, checked)) {
			throw new InvalidTriggerException("/qualifier",
					"Function " + function + " has no version or alias " + checked);
		}
		return new FunctionTarget(functionId, function, checked);
	}

	private boolean versionExists(UUID functionId, String version) {
		return version.matches("[1-9][0-9]{0,8}")
				&& this.functions.versionExists(functionId, Integer.parseInt(version));
	}

}
