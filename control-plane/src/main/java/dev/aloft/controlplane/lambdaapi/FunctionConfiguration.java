package dev.aloft.controlplane.lambdaapi;

import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.aloft.controlplane.function.FunctionResponse;
import dev.aloft.controlplane.function.ImageConfig;
import dev.aloft.controlplane.function.VersionResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Lambda's {@code FunctionConfiguration}: {@code $LATEST} or a published version. Aloft
 * applies changes at once, so a function is always {@code Active} with its last update
 * {@code Successful} (both satisfy the SDKs' waiters). Members Aloft has no use for
 * ({@code Role}, {@code Layers}, {@code VpcConfig}, ...) are left out.
 *
 * @param functionName the name
 * @param functionArn the ARN, qualified or not as the operation answers it
 * @param runtime the runtime; absent for an image
 * @param handler the handler; absent for an image
 * @param codeSize the size of the zip; 0 for an image
 * @param description the description
 * @param timeout seconds
 * @param memorySize MB
 * @param lastModified {@code yyyy-MM-dd'T'HH:mm:ss.SSS+0000}
 * @param codeSha256 base64 of the zip's SHA-256, or of the image's digest
 * @param version {@code $LATEST} or the version number
 * @param environment the environment variables
 * @param tracingConfig always {@code PassThrough}
 * @param revisionId changes with every change
 * @param state {@code Active}; absent in lists
 * @param lastUpdateStatus {@code Successful}; absent in lists
 * @param packageType {@code Zip} or {@code Image}
 * @param architectures always {@code x86_64}
 * @param ephemeralStorage {@code /tmp} size
 * @param snapStart always off
 * @param loggingConfig text logs in {@code /aws/lambda/<name>}
 * @param imageConfigResponse an image's {@code ImageConfig}, when it has one
 * @param imageUri the image (not part of Lambda's shape: {@code GetFunction} answers it
 * under {@code Code})
 */
@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
record FunctionConfiguration(String functionName, String functionArn, @Nullable String runtime,
		@Nullable String handler, long codeSize, String description, int timeout, int memorySize, String lastModified,
		String codeSha256, String version, EnvironmentBody environment, TracingConfig tracingConfig, String revisionId,
		@Nullable String state, @Nullable String lastUpdateStatus, String packageType, List<String> architectures,
		EphemeralStorage ephemeralStorage, SnapStart snapStart, LoggingConfig loggingConfig,
		@Nullable ImageConfigResponse imageConfigResponse, @JsonIgnore @Nullable String imageUri) {

	/**
	 * The configuration of {@code $LATEST}.
	 * @param function the function
	 * @param arn the ARN to show
	 * @param listed whether it appears in a list (which leaves the state out)
	 * @return the configuration
	 */
	static FunctionConfiguration of(FunctionResponse function, String arn, boolean listed) {
		return new FunctionConfiguration(function.name(), arn, function.runtime(), function.handler(),
				function.codeSizeBytes(), function.description(), function.timeoutSeconds(), function.memoryMb(),
				LambdaTimes.lastModified(function.updatedAt()), base64Sha256(function.codeSha256()), "$LATEST",
				new EnvironmentBody(function.environment()), TracingConfig.PASS_THROUGH, function.revisionId(),
				listed ? null : "Active", listed ? null : "Successful", function.packageType(), List.of("x86_64"),
				new EphemeralStorage(function.ephemeralStorageMb()), SnapStart.OFF, LoggingConfig.of(function.name()),
				ImageConfigResponse.of(function.imageConfig()), function.imageUri());
	}

	/**
	 * The configuration of a published version.
	 * @param version the version
	 * @param arn the ARN to show
	 * @return the configuration
	 */
	static FunctionConfiguration of(VersionResponse version, String arn) {
		return new FunctionConfiguration(version.function(), arn, version.runtime(), version.handler(),
				version.codeSizeBytes(), version.description(), version.timeoutSeconds(), version.memoryMb(),
				LambdaTimes.lastModified(version.createdAt()), base64Sha256(version.codeSha256()), version.version(),
				new EnvironmentBody(version.environment()), TracingConfig.PASS_THROUGH, version.revisionId(), "Active",
				"Successful", version.packageType(), List.of("x86_64"),
				new EphemeralStorage(version.ephemeralStorageMb()), SnapStart.OFF, LoggingConfig.of(version.function()),
				ImageConfigResponse.of(version.imageConfig()), version.imageUri());
	}

	/**
	 * Lambda's {@code CodeSha256}: base64, where Aloft keeps hex.
	 * @param hex the hex SHA-256
	 * @return its base64 form
	 */
	static String base64Sha256(String hex) {
		return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex));
	}

	/**
	 * Lambda's {@code ImageConfigResponse}: the image configuration, as
	 * {@code {"ImageConfig": {...}}}.
	 *
	 * @param imageConfig the configuration
	 */
	@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
	record ImageConfigResponse(FunctionBodies.ImageConfigBody imageConfig) {

		static @Nullable ImageConfigResponse of(@Nullable ImageConfig config) {
			FunctionBodies.ImageConfigBody body = FunctionBodies.ImageConfigBody.of(config);
			return (body != null) ? new ImageConfigResponse(body) : null;
		}

	}

	/**
	 * Environment variables, as {@code {"Variables": {...}}}.
	 *
	 * @param variables the variables
	 */
	@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
	record EnvironmentBody(@Nullable Map<String, String> variables) {
	}

	/**
	 * X-Ray tracing.
	 *
	 * @param mode {@code PassThrough}
	 */
	@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
	record TracingConfig(String mode) {

		static final TracingConfig PASS_THROUGH = new TracingConfig("PassThrough");

	}

	/**
	 * The size of {@code /tmp}.
	 *
	 * @param size MB, 512–10240
	 */
	@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
	record EphemeralStorage(@Nullable Integer size) {
	}

	/**
	 * SnapStart, which Aloft does not do.
	 *
	 * @param applyOn {@code None}
	 * @param optimizationStatus {@code Off}
	 */
	@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
	record SnapStart(String applyOn, String optimizationStatus) {

		static final SnapStart OFF = new SnapStart("None", "Off");

	}

	/**
	 * Where the function's logs go.
	 *
	 * @param logFormat {@code Text}
	 * @param logGroup {@code /aws/lambda/<name>}
	 */
	@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
	record LoggingConfig(String logFormat, String logGroup) {

		static LoggingConfig of(String functionName) {
			return new LoggingConfig("Text", "/aws/lambda/" + functionName);
		}

	}

}
