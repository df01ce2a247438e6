package dev.aloft.controlplane.lambdaapi;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.aloft.contracts.config.FunctionVersionConfig;
import dev.aloft.contracts.lambda.ForwardedLambdaCalls;
import dev.aloft.controlplane.accesskey.Caller;
import dev.aloft.controlplane.accesskey.Capability;
import dev.aloft.controlplane.function.CodeDownloadLinks;
import dev.aloft.controlplane.function.CreateFunctionRequest;
import dev.aloft.controlplane.function.FunctionResponse;
import dev.aloft.controlplane.function.FunctionService;
import dev.aloft.controlplane.function.FunctionTags;
import dev.aloft.controlplane.function.ImageReference;
import dev.aloft.controlplane.function.InvocationSettingsService;
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
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Lambda's {@code CreateFunction}, {@code GetFunction}, {@code GetFunctionConfiguration},
 * {@code ListFunctions} and {@code DeleteFunction} at {@code /2015-03-31/functions}.
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

	private final InvocationSettingsService settings;

	private final FunctionConfigurations configurations;

	private final LambdaTargets targets;

	private final LambdaRequests requests;

	private final CodeDownloadLinks downloadLinks;

	private final FunctionTags tags;

	LambdaFunctionController(FunctionService functions, VersionService versions, InvocationSettingsService settings,
			FunctionConfigurations configurations, LambdaTargets targets, LambdaRequests requests,
			CodeDownloadLinks downloadLinks, FunctionTags tags) {
		this.functions = functions;
		this.versions = versions;
		this.settings = settings;
		this.configurations = configurations;
		this.targets = targets;
		this.requests = requests;
		this.downloadLinks = downloadLinks;
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

	@GetMapping("/2015-03-31/functions/{functionName}")
	GetFunctionResponse get(Caller caller, @PathVariable String functionName,
			@RequestParam(name = "Qualifier", required = false) @Nullable String qualifierParameter,
			@RequestHeader(name = ForwardedLambdaCalls.PUBLIC_BASE_URL,
					required = false) @Nullable String publicBaseUrl) {
		FunctionRef function = this.targets.function(caller, functionName, Capability.READ, "GetFunction");
		String qualifier = function.qualifier(qualifierParameter);
		FunctionConfiguration configuration = this.configurations.of(function, qualifier);
		CodeLocation code = (configuration.imageUri() != null) ? CodeLocation.image(configuration.imageUri())
				: CodeLocation
					.zip(this.downloadLinks.link(linkBase(publicBaseUrl), sha256Hex(configuration.codeSha256())));
		Concurrency concurrency = (qualifier != null) ? null
				: this.settings.reservedConcurrency(function.namespace(), function.name())
					.map(Concurrency::new)
					.orElse(null);
		Map<String, String> tags = (qualifier != null) ? null : this.tags.tags(function.namespace(), function.name());
		return new GetFunctionResponse(configuration, code, (tags != null && !tags.isEmpty()) ? tags : null,
				concurrency);
	}

	@GetMapping("/2015-03-31/functions/{functionName}/configuration")
	FunctionConfiguration getConfiguration(Caller caller, @PathVariable String functionName,
			@RequestParam(name = "Qualifier", required = false) @Nullable String qualifier) {
		FunctionRef function = this.targets.function(caller, functionName, Capability.READ, "GetFunctionConfiguration");
		return this.configurations.of(function, function.qualifier(qualifier));
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

	private static String sha256Hex(String base64) {
		return java.util.HexFormat.of().formatHex(Base64.getDecoder().decode(base64));
	}

	/**
	 * {@code GetFunction}'s answer.
	 *
	 * @param configuration the configuration
	 * @param code where the code can be downloaded
	 * @param tags the function's tags, when it has any (unqualified calls only)
	 * @param concurrency the reserved concurrency, when set (unqualified calls only)
	 */
	@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record GetFunctionResponse(FunctionConfiguration configuration, CodeLocation code,
			@Nullable Map<String, String> tags, @Nullable Concurrency concurrency) {
	}

	/**
	 * Where the code is: Lambda's {@code FunctionCodeLocation}.
	 *
	 * @param repositoryType {@code S3} for a zip, {@code ECR} for an image, as Lambda
	 * says
	 * @param location a signed link that downloads the zip without other credentials for
	 * 10 minutes; absent for an image
	 * @param imageUri the image; absent for a zip
	 * @param resolvedImageUri the image by digest when its reference pins one, the
	 * reference otherwise; absent for a zip
	 */
	@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record CodeLocation(String repositoryType, @Nullable String location, @Nullable String imageUri,
			@Nullable String resolvedImageUri) {

		static CodeLocation zip(String location) {
			return new CodeLocation("S3", location, null, null);
		}

		static CodeLocation image(String imageUri) {
			return new CodeLocation("ECR", null, imageUri, ImageReference.parse(imageUri).resolved());
		}

	}

	/**
	 * A function's reserved concurrency.
	 *
	 * @param reservedConcurrentExecutions the most concurrent invocations
	 */
	@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Concurrency(@Nullable Integer reservedConcurrentExecutions) {
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

	/**
	 * Where download links point: the address the caller reached the gateway at, when the
	 * gateway forwarded the call and said so, otherwise this control plane's.
	 */
	private static String linkBase(@Nullable String publicBaseUrl) {
		if (publicBaseUrl != null && (publicBaseUrl.startsWith("http://") || publicBaseUrl.startsWith("https://"))) {
			try {
				URI base = new URI(publicBaseUrl);
				if (base.getHost() != null && (base.getPath() == null || base.getPath().isEmpty())) {
					return publicBaseUrl;
				}
			}
			catch (URISyntaxException ex) {
				// Not a base URL: fall back to this control plane's address.
			}
		}
		return ServletUriComponentsBuilder.fromCurrentContextPath().toUriString();
	}

}
