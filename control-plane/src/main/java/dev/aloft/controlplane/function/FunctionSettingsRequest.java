package dev.aloft.controlplane.function;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The configurable part of a function, as creating and updating requests carry it. Unset
 * numbers take Lambda's defaults.
 */
interface FunctionSettingsRequest {

	@Nullable String runtime();

	@Nullable String handler();

	@Nullable Integer memoryMb();

	@Nullable Integer timeoutSeconds();

	@Nullable Integer ephemeralStorageMb();

	@Nullable String description();

	@Nullable Map<String, String> environment();

	@Nullable ImageConfig imageConfig();

}
