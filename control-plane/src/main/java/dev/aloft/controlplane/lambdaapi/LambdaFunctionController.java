package dev.aloft.controlplane.lambdaapi;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.aloft.contracts.config.FunctionVersionConfig;
import dev.aloft.controlplane.accesskey.Caller;
import dev.aloft.controlplane.accesskey.Capability;
import dev.aloft.controlplane.function.CreateFunctionRequest;
import dev.aloft.controlplane.function.FunctionResponse;
import dev.aloft.controlplane.function.FunctionService;
import dev.aloft.controlplane.function.FunctionTags;
import dev.aloft.controlplane.function.PublishVersionRequest;
import dev.aloft.controlplane.function.VersionService;
import dev.aloft.controlplane.lambdaapi.FunctionBodies.CreateFunction;
import dev.aloft.controlplane.system.CursorPage;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Lambda's {@code CreateFunction}, {@code ListFunctions} and {@code DeleteFunction} at
 * {@code /2015-03-31/functions}: the namespace's functions, which these add to, list and
 * remove from. {@code CreateFunction} also tags the new function and, with
 * {@code Publish}, publishes version 1; {@code ListFunctions} with
 * {@code FunctionVersion=ALL} lists the published versions too; {@code DeleteFunction}
 * with a qualifier deletes one published version. {@code GetFunction} and
 * {@code GetFunctionConfiguration} are {@link LambdaGetFunctionController}'s; changing
 * code and configuration, and publishing, are {@link LambdaVersionController}'s.
 */
@RestController
class LambdaFunctionController {

	private static final String ZIP = FunctionVersionConfig.ZIP;

	private static final String IMAGE = FunctionVersionConfig.IMAGE;

	/** Lambda returns at most 50 functions per page, whatever {@code MaxItems} says. */
	static final int MAX_PAGE = 50;

	private static final Map<String, String> MEMBER_NAMES = Map.of("name", "functionName", "runtime", "runtime",
			"handler", "handler", "memoryMb", "memorySize", "timeoutSeconds", "timeout", "ephemeralStorageMb",
			"ephemeralStorage.size", "description", "description");

	private final FunctionService functions;

	private final VersionService versions;

	private final LambdaTargets targets;

	private final LambdaRequests requests;

	private final FunctionTags tags;

	LambdaFunctionController(FunctionService functions, VersionService versions, LambdaTargets targets,
			LambdaRequests requests, FunctionTags tags) {
		this.functions = functions;
		this.versions = versions;
		this.targets = targets;
		this.requests = requests;
		this.tags = tags;
	}

	@PostMapping("/2015-03-31/functions")
	ResponseEntity<FunctionConfiguration> create(Caller caller, @RequestBody(required = false) byte @Nullable [] body) {
		CreateFunction request = this.requests.read(body, CreateFunction.class);
		FunctionRef function = this.targets.function(caller, request.functionName(), Capability.WRITE, "CreateFunction")
			.unqualified();
		String packageType = Objects.requireNonNullElse(request.packageType(), ZIP);
		FunctionBodies.Code code = Objects.requireNonNullElse(request.code(),
				new FunctionBodies.Code(null, null, null, null));
		byte @Nullable [] zip;
		CreateFunctionRequest create;
		if (IMAGE.equals(packageType)) {
			if (request.runtime() != null || request.handler() != null) {
				throw LambdaException.invalidParameter(
						"Please don't provide Handler or Runtime or Layer when the intended function PackageType is Image.");
			}
			if (code.zipFile() != null || code.s3Bucket() != null || code.s3Key() != null) {
				throw LambdaException.invalidParameter("Please don't provide ZipFile, S3Bucket or S3Key "
						+ "when the intended function PackageType is Image.");
			}
			if (code.imageUri() == null) {
				throw LambdaException
					.invalidParameter("Please provide ImageUri when the intended function PackageType is Image.");
			}
			zip = null;
			create = new CreateFunctionRequest(function.name(), null, null, request.memorySize(), request.timeout(),
					(request.ephemeralStorage() != null) ? request.ephemeralStorage().size() : null,
					request.description(), (request.environment() != null) ? request.environment().variables() : null,
					new CreateFunctionRequest.CodeRequest(null, code.imageUri()), null, IMAGE,
					(request.imageConfig() != null) ? request.imageConfig().toImageConfig() : null);
		}
		else if (ZIP.equals(packageType)) {
			if (code.imageUri() != null) {
				throw LambdaException
					.invalidParameter("Please don't provide ImageUri when the intended function PackageType is Zip.");
			}
			if (request.imageConfig() != null) {
				throw LambdaException
					.invalidParameter("ImageConfig is not supported when the intended function PackageType is Zip.");
			}
			if (request.runtime() == null || request.handler() == null) {
				throw LambdaException.invalidParameter(
						"Runtime and Handler are mandatory parameters for functions created with deployment packages.");
			}
			zip = zip(code.zipFile(), code.s3Bucket());
			create = new CreateFunctionRequest(function.name(), request.runtime(), request.handler(),
					request.memorySize(), request.timeout(),
					(request.ephemeralStorage() != null) ? request.ephemeralStorage().size() : null,
					request.description(), (request.environment() != null) ? request.environment().variables() : null,
					null);
		}
		else {
			throw LambdaException.validation("1 validation error detected: Value '" + packageType
					+ "' at 'packageType' failed to satisfy constraint: Member must satisfy enum value set: [Image, Zip]");
		}
		this.requests.valid(create, MEMBER_NAMES);
		if (request.tags() != null) {
			// Checked first, so that bad tags leave no function behind.
			FunctionTags.check(request.tags());
		}
		FunctionResponse created = this.functions.createFunction(function.namespace(), create, zip);
		if (request.tags() != null && !request.tags().isEmpty()) {
			this.tags.tag(function.namespace(), function.name(), request.tags());
		}
		FunctionConfiguration configuration = FunctionConfiguration.of(created, function.arn(), false);
		if (Boolean.TRUE.equals(request.publish())) {
			// As in Lambda: the answer is version 1's configuration, under the
			// unqualified ARN.
			configuration = FunctionConfiguration.of(this.versions.publishVersion(function.namespace(), function.name(),
					new PublishVersionRequest(null, null, null)), function.arn());
		}
		return ResponseEntity.status(HttpStatus.CREATED).body(configuration);
	}

	@GetMapping("/2015-03-31/functions")
	ListFunctionsResponse list(Caller caller, @RequestParam(name = "Marker", required = false) @Nullable String marker,
			@RequestParam(name = "MaxItems", required = false) @Nullable Integer maxItems,
			@RequestParam(name = "FunctionVersion", required = false) @Nullable String functionVersion) {
		FunctionRef home = this.targets.home(caller, Capability.READ, "ListFunctions");
		int size = pageSize(maxItems, MAX_PAGE);
		if (functionVersion != null) {
			if (!functionVersion.equals("ALL")) {
				throw LambdaException.validation("1 validation error detected: Value '" + functionVersion
						+ "' at 'functionVersion' failed to satisfy constraint: Member must satisfy enum value set: [ALL]");
			}
			return listAllVersions(home, size, marker);
		}
		CursorPage<FunctionResponse> page = this.functions.listFunctions(home.namespace(), size, marker);
		List<FunctionConfiguration> items = new ArrayList<>();
		for (FunctionResponse function : page.items()) {
			FunctionRef ref = new FunctionRef(home.namespace(), home.accountId(), home.region(), function.name(), null);
			items.add(FunctionConfiguration.of(function, ref.arn(), true));
		}
		return new ListFunctionsResponse(items, page.nextPageToken());
	}

	/**
	 * Every function's {@code $LATEST} and published versions, each under its qualified
	 * ARN, as Lambda lists them for {@code FunctionVersion=ALL}.
	 */
	private ListFunctionsResponse listAllVersions(FunctionRef home, int size, @Nullable String marker) {
		CursorPage<VersionService.ListedVersion> page = this.versions.listAllVersions(home.namespace(), size, marker);
		List<FunctionConfiguration> items = new ArrayList<>();
		for (VersionService.ListedVersion listed : page.items()) {
			FunctionRef ref = new FunctionRef(home.namespace(), home.accountId(), home.region(),
					listed.function().name(), null);
			items.add((listed.version() != null)
					? FunctionConfiguration.of(listed.version(), ref.arn(listed.version().version()))
					: FunctionConfiguration.of(listed.function(), ref.arn("$LATEST"), true));
		}
		return new ListFunctionsResponse(items, page.nextPageToken());
	}

	@DeleteMapping("/2015-03-31/functions/{functionName}")
	ResponseEntity<Void> delete(Caller caller, @PathVariable String functionName,
			@RequestParam(name = "Qualifier", required = false) @Nullable String qualifierParameter) {
		FunctionRef function = this.targets.function(caller, functionName, Capability.WRITE, "DeleteFunction");
		String qualifier = function.qualifier(qualifierParameter);
		if (qualifier == null) {
			this.functions.delete(function.namespace(), function.name());
		}
		else if (qualifier.equals("$LATEST")) {
			throw LambdaException.invalidParameter("$LATEST version cannot be deleted without deleting the function.");
		}
		else {
			this.versions.delete(function.namespace(), function.name(), qualifier);
		}
		return ResponseEntity.noContent().build();
	}

	/**
	 * Decodes {@code Code.ZipFile}; code from S3 is not supported.
	 */
	static byte[] zip(@Nullable String zipFile, @Nullable String s3Bucket) {
		if (s3Bucket != null) {
			throw LambdaException.invalidParameter("Code from S3 (S3Bucket, S3Key) is not supported: "
					+ "send the .zip deployment package as ZipFile");
		}
		if (zipFile == null || zipFile.isEmpty()) {
			throw LambdaException.invalidParameter("Please provide a source for function code: ZipFile");
		}
		try {
			return Base64.getMimeDecoder().decode(zipFile);
		}
		catch (IllegalArgumentException ex) {
			throw LambdaException
				.invalidParameter("Could not unzip uploaded file. Please check your file, then try to upload again.");
		}
	}

	static int pageSize(@Nullable Integer maxItems, int max) {
		if (maxItems == null) {
			return max;
		}
		if (maxItems < 1) {
			throw LambdaException.validation("1 validation error detected: Value '" + maxItems
					+ "' at 'maxItems' failed to satisfy constraint: Member must have value greater than or equal to 1");
		}
		return Math.min(maxItems, max);
	}

	/**
	 * {@code ListFunctions}' answer.
	 *
	 * @param functions the functions on this page
	 * @param nextMarker the marker of the next page; absent on the last
	 */
	@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record ListFunctionsResponse(List<FunctionConfiguration> functions, @Nullable String nextMarker) {
	}

}
