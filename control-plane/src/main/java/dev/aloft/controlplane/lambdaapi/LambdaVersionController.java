package dev.aloft.controlplane.lambdaapi;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.aloft.contracts.config.FunctionVersionConfig;
import dev.aloft.controlplane.accesskey.Caller;
import dev.aloft.controlplane.accesskey.Capability;
import dev.aloft.controlplane.function.FunctionResponse;
import dev.aloft.controlplane.function.FunctionService;
import dev.aloft.controlplane.function.PublishVersionRequest;
import dev.aloft.controlplane.function.UpdateFunctionRequest;
import dev.aloft.controlplane.function.VersionResponse;
import dev.aloft.controlplane.function.VersionService;
import dev.aloft.controlplane.lambdaapi.FunctionBodies.PublishVersion;
import dev.aloft.controlplane.lambdaapi.FunctionBodies.UpdateCode;
import dev.aloft.controlplane.lambdaapi.FunctionBodies.UpdateConfiguration;
import dev.aloft.controlplane.system.CursorPage;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Lambda's {@code UpdateFunctionCode}, {@code UpdateFunctionConfiguration},
 * {@code PublishVersion} and {@code ListVersionsByFunction}. Changes honour
 * {@code RevisionId}: a stale one is refused with {@code PreconditionFailedException}.
 */
@RestController
class LambdaVersionController {

	/** Marks the second page when the first held only {@code $LATEST}. */
	private static final String AFTER_LATEST = "$LATEST";

	private static final Map<String, String> MEMBER_NAMES = Map.of("runtime", "runtime", "handler", "handler",
			"memoryMb", "memorySize", "timeoutSeconds", "timeout", "ephemeralStorageMb", "ephemeralStorage.size",
			"description", "description");

	private final FunctionService functions;

	private final VersionService versions;

	private final LambdaTargets targets;

	private final LambdaRequests requests;

	LambdaVersionController(FunctionService functions, VersionService versions, LambdaTargets targets,
			LambdaRequests requests) {
		this.functions = functions;
		this.versions = versions;
		this.targets = targets;
		this.requests = requests;
	}

	@PutMapping("/2015-03-31/functions/{functionName}/code")
	FunctionConfiguration updateCode(Caller caller, @PathVariable String functionName,
			@RequestBody(required = false) byte @Nullable [] body) {
		UpdateCode request = this.requests.read(body, UpdateCode.class);
		FunctionRef function = this.targets.function(caller, functionName, Capability.WRITE, "UpdateFunctionCode")
			.unqualified();
		if (Boolean.TRUE.equals(request.dryRun())) {
			throw LambdaException.invalidParameter("DryRun is not supported");
		}
		FunctionResponse current = this.functions.describe(function.namespace(), function.name());
		FunctionResponse updated;
		if (FunctionVersionConfig.IMAGE.equals(current.packageType())) {
			if (request.imageUri() == null || request.zipFile() != null || request.s3Bucket() != null) {
				throw LambdaException
					.invalidParameter("Please provide ImageUri when updating a function with packageType Image.");
			}
			updated = this.functions.replaceImageAtRevision(function.namespace(), function.name(),
					revision(request.revisionId(), current), request.imageUri());
		}
		else {
			if (request.imageUri() != null) {
				throw LambdaException
					.invalidParameter("Please don't provide ImageUri when updating a function with packageType Zip.");
			}
			byte[] zip = LambdaFunctionController.zip(request.zipFile(), request.s3Bucket());
			updated = this.functions.replaceCodeAtRevision(function.namespace(), function.name(),
					revision(request.revisionId(), current), zip);
		}
		return published(function, updated, Boolean.TRUE.equals(request.publish()));
	}

	@PutMapping("/2015-03-31/functions/{functionName}/configuration")
	FunctionConfiguration updateConfiguration(Caller caller, @PathVariable String functionName,
			@RequestBody(required = false) byte @Nullable [] body) {
		UpdateConfiguration request = this.requests.read(body, UpdateConfiguration.class);
		FunctionRef function = this.targets
			.function(caller, functionName, Capability.WRITE, "UpdateFunctionConfiguration")
			.unqualified();
		FunctionResponse current = this.functions.describe(function.namespace(), function.name());
		boolean image = FunctionVersionConfig.IMAGE.equals(current.packageType());
		if (image && (request.runtime() != null || request.handler() != null)) {
			throw LambdaException.invalidParameter(
					"Please don't provide Handler or Runtime or Layer when the intended function PackageType is Image.");
		}
		if (!image && request.imageConfig() != null) {
			throw LambdaException
				.invalidParameter("ImageConfig is not supported when the function's PackageType is Zip.");
		}
		UpdateFunctionRequest update = this.requests.valid(new UpdateFunctionRequest(
				image ? null : Objects.requireNonNullElse(request.runtime(), current.runtime()),
				image ? null : Objects.requireNonNullElse(request.handler(), current.handler()),
				Objects.requireNonNullElse(request.memorySize(), current.memoryMb()),
				Objects.requireNonNullElse(request.timeout(), current.timeoutSeconds()),
				(request.ephemeralStorage() != null) ? request.ephemeralStorage().size() : current.ephemeralStorageMb(),
				Objects.requireNonNullElse(request.description(), current.description()),
				(request.environment() != null)
						? Objects.requireNonNullElse(request.environment().variables(), Map.of())
						: current.environment(),
				null, (request.imageConfig() != null) ? request.imageConfig().toImageConfig() : current.imageConfig()),
				MEMBER_NAMES);
		FunctionResponse updated = this.functions.configureAtRevision(function.namespace(), function.name(),
				revision(request.revisionId(), current), update);
		return FunctionConfiguration.of(updated, function.arn(), false);
	}

	@PostMapping("/2015-03-31/functions/{functionName}/versions")
	ResponseEntity<FunctionConfiguration> publish(Caller caller, @PathVariable String functionName,
			@RequestBody(required = false) byte @Nullable [] body) {
		PublishVersion request = this.requests.read(body, PublishVersion.class);
		FunctionRef function = this.targets.function(caller, functionName, Capability.WRITE, "PublishVersion")
			.unqualified();
		VersionResponse version = this.versions.publishVersion(function.namespace(), function.name(),
				new PublishVersionRequest(request.description(), hex(request.codeSha256()), request.revisionId()));
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(FunctionConfiguration.of(version, function.arn(version.version())));
	}

	@GetMapping("/2015-03-31/functions/{functionName}/versions")
	ListVersionsResponse list(Caller caller, @PathVariable String functionName,
			@RequestParam(name = "Marker", required = false) @Nullable String marker,
			@RequestParam(name = "MaxItems", required = false) @Nullable Integer maxItems) {
		FunctionRef function = this.targets.function(caller, functionName, Capability.READ, "ListVersionsByFunction")
			.unqualified();
		int size = LambdaFunctionController.pageSize(maxItems, LambdaFunctionController.MAX_PAGE);
		List<FunctionConfiguration> items = new ArrayList<>();
		String pageToken = AFTER_LATEST.equals(marker) ? null : marker;
		if (marker == null) {
			// $LATEST comes first, then the versions in order.
			items.add(FunctionConfiguration.of(this.functions.describe(function.namespace(), function.name()),
					function.arn("$LATEST"), true));
			if (size == 1) {
				boolean more = !this.versions.listVersions(function.namespace(), function.name(), 1, null)
					.items()
					.isEmpty();
				return new ListVersionsResponse(items, more ? AFTER_LATEST : null);
			}
			size--;
		}
		CursorPage<VersionResponse> page = this.versions.listVersions(function.namespace(), function.name(), size,
				pageToken);
		for (VersionResponse version : page.items()) {
			items.add(FunctionConfiguration.of(version, function.arn(version.version())));
		}
		return new ListVersionsResponse(items, page.nextPageToken());
	}

	/**
	 * With {@code Publish}, the answer is the new version's configuration.
	 */
	private FunctionConfiguration published(FunctionRef function, FunctionResponse updated, boolean publish) {
		if (!publish) {
			return FunctionConfiguration.of(updated, function.arn(), false);
		}
		VersionResponse version = this.versions.publishVersion(function.namespace(), function.name(),
				new PublishVersionRequest(null, null, updated.revisionId()));
		return FunctionConfiguration.of(version, function.arn(version.version()));
	}

	/**
	 * The revision a change must find: the caller's, else the one just read (so a change
	 * made in between is not overwritten unseen).
	 */
	private static UUID revision(@Nullable String revisionId, FunctionResponse current) {
		String expected = (revisionId != null) ? revisionId : current.revisionId();
		try {
			return UUID.fromString(expected);
		}
		catch (IllegalArgumentException ex) {
			throw LambdaException.preconditionFailed("The Revision Id provided does not match the latest Revision "
					+ "Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id");
		}
	}

	/**
	 * Lambda's base64 {@code CodeSha256} as the hex Aloft compares.
	 */
	private static @Nullable String hex(@Nullable String base64) {
		if (base64 == null) {
			return null;
		}
		try {
			return HexFormat.of().formatHex(Base64.getDecoder().decode(base64));
		}
		catch (IllegalArgumentException ex) {
			throw LambdaException.invalidParameter("CodeSHA256 (" + base64 + ") is different from current "
					+ "CodeSHA256 in $LATEST. Please try again with the CodeSHA256 in $LATEST.");
		}
	}

	/**
	 * {@code ListVersionsByFunction}'s answer.
	 *
	 * @param versions {@code $LATEST} and the published versions on this page
	 * @param nextMarker the marker of the next page; absent on the last
	 */
	@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record ListVersionsResponse(List<FunctionConfiguration> versions, @Nullable String nextMarker) {
	}

}
