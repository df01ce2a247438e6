package dev.aloft.controlplane.lambdaapi;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.aloft.controlplane.function.ImageConfig;
import dev.aloft.controlplane.lambdaapi.FunctionConfiguration.EnvironmentBody;
import dev.aloft.controlplane.lambdaapi.FunctionConfiguration.EphemeralStorage;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The request bodies of Lambda's function operations, with Lambda's member names. Members
 * Aloft does not use are ignored when read.
 */
final class FunctionBodies {

	private FunctionBodies() {
	}

	/**
	 * {@code CreateFunction}.
	 *
	 * @param functionName the name (or an ARN)
	 * @param runtime the runtime
	 * @param handler the handler
	 * @param code the code
	 * @param description the description
	 * @param timeout seconds
	 * @param memorySize MB
	 * @param publish also publish version 1
	 * @param environment environment variables
	 * @param packageType {@code Zip} (the default) or {@code Image}
	 * @param ephemeralStorage {@code /tmp} size
	 * @param imageConfig what overrides the image's entry point, command and working
	 * directory
	 * @param tags the function's tags
	 */
	@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
	record CreateFunction(@Nullable String functionName, @Nullable String runtime, @Nullable String handler,
			@Nullable Code code, @Nullable String description, @Nullable Integer timeout, @Nullable Integer memorySize,
			@Nullable Boolean publish, @Nullable EnvironmentBody environment, @Nullable String packageType,
			@Nullable EphemeralStorage ephemeralStorage, @Nullable ImageConfigBody imageConfig,
			@Nullable Map<String, String> tags) {
	}

	/**
	 * Lambda's {@code ImageConfig}, in requests and inside {@code ImageConfigResponse}.
	 *
	 * @param entryPoint replaces the image's {@code ENTRYPOINT}
	 * @param command replaces the image's {@code CMD}
	 * @param workingDirectory replaces the image's {@code WORKDIR}
	 */
	@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record ImageConfigBody(@Nullable List<String> entryPoint, @Nullable List<String> command,
			@Nullable String workingDirectory) {

		static @Nullable ImageConfigBody of(@Nullable ImageConfig config) {
			return (config != null)
					? new ImageConfigBody(config.entryPoint(), config.command(), config.workingDirectory()) : null;
		}

		ImageConfig toImageConfig() {
			return new ImageConfig(this.entryPoint, this.command, this.workingDirectory);
		}

	}

	/**
	 * {@code FunctionCode}: {@code ZipFile} or {@code ImageUri}; code from S3 is not
	 * supported.
	 *
	 * @param zipFile the zip, base64
	 * @param s3Bucket an S3 bucket
	 * @param s3Key an S3 key
	 * @param imageUri a container image
	 */
	@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
	record Code(@Nullable String zipFile, @Nullable String s3Bucket, @Nullable String s3Key,
			@Nullable String imageUri) {
	}

	/**
	 * {@code UpdateFunctionCode}.
	 *
	 * @param zipFile the zip, base64
	 * @param s3Bucket an S3 bucket
	 * @param s3Key an S3 key
	 * @param imageUri a container image
	 * @param publish also publish a version
	 * @param dryRun only check the request (not supported)
	 * @param revisionId change only if the function still has this revision
	 */
	@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
	record UpdateCode(@Nullable String zipFile, @Nullable String s3Bucket, @Nullable String s3Key,
			@Nullable String imageUri, @Nullable Boolean publish, @Nullable Boolean dryRun,
			@Nullable String revisionId) {
	}

	/**
	 * {@code UpdateFunctionConfiguration}: what is left out stays as it is;
	 * {@code Environment.Variables} replaces the whole map.
	 *
	 * @param handler the handler
	 * @param runtime the runtime
	 * @param memorySize MB
	 * @param timeout seconds
	 * @param environment environment variables
	 * @param description the description
	 * @param ephemeralStorage {@code /tmp} size
	 * @param revisionId change only if the function still has this revision
	 * @param imageConfig replaces what overrides an image's entry point, command and
	 * working directory
	 */
	@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
	record UpdateConfiguration(@Nullable String handler, @Nullable String runtime, @Nullable Integer memorySize,
			@Nullable Integer timeout, @Nullable EnvironmentBody environment, @Nullable String description,
			@Nullable EphemeralStorage ephemeralStorage, @Nullable String revisionId,
			@Nullable ImageConfigBody imageConfig) {
	}

	/**
	 * {@code PublishVersion}: every member is an optional precondition or the
	 * description.
	 *
	 * @param codeSha256 publish only if {@code $LATEST}'s code has this base64 SHA-256
	 * @param description the version's description
	 * @param revisionId publish only if {@code $LATEST} still has this revision
	 */
	@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
	record PublishVersion(@Nullable String codeSha256, @Nullable String description, @Nullable String revisionId) {
	}

}
