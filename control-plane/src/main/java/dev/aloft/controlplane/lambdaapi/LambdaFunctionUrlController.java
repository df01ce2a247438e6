package dev.aloft.controlplane.lambdaapi;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.aloft.controlplane.accesskey.Caller;
import dev.aloft.controlplane.accesskey.Capability;
import dev.aloft.controlplane.functionurl.FunctionUrlRequest;
import dev.aloft.controlplane.functionurl.FunctionUrlRequest.AuthType;
import dev.aloft.controlplane.functionurl.FunctionUrlRequest.InvokeMode;
import dev.aloft.controlplane.functionurl.FunctionUrlResponse;
import dev.aloft.controlplane.functionurl.FunctionUrlService;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Lambda's {@code Create/Get/Update/DeleteFunctionUrlConfig}. The {@code FunctionUrl} is
 * the gateway's address for the URL ({@code <gateway>/urls/<url id>/}).
 */
@RestController
class LambdaFunctionUrlController {

	private static final String URL = "/2021-10-31/functions/{functionName}/url";

	private static final Map<String, String> MEMBER_NAMES = Map.of("cors.allowHeaders", "cors.allowHeaders",
			"cors.allowMethods", "cors.allowMethods", "cors.allowOrigins", "cors.allowOrigins", "cors.exposeHeaders",
			"cors.exposeHeaders", "cors.maxAgeSeconds", "cors.maxAge");

	private final FunctionUrlService urls;

	private final LambdaTargets targets;

	private final LambdaRequests requests;

	LambdaFunctionUrlController(FunctionUrlService urls, LambdaTargets targets, LambdaRequests requests) {
		this.urls = urls;
		this.targets = targets;
		this.requests = requests;
	}

	@PostMapping(URL)
	ResponseEntity<UrlConfiguration> create(Caller caller, @PathVariable String functionName,
			@RequestParam(name = "Qualifier", required = false) @Nullable String qualifierParameter,
			@RequestBody(required = false) byte @Nullable [] body) {
		UrlBody request = this.requests.read(body, UrlBody.class);
		FunctionRef function = this.targets.function(caller, functionName, Capability.WRITE, "CreateFunctionUrlConfig");
		if (request.authType() == null) {
			throw LambdaException.invalidParameter("AuthType is required: NONE or AWS_IAM");
		}
		FunctionUrlRequest create = this.requests.valid(new FunctionUrlRequest(authType(request.authType()),
				cors(request.cors()), invokeMode(request.invokeMode())), MEMBER_NAMES);
		FunctionUrlResponse url = this.urls.create(function.namespace(), function.name(),
				function.qualifier(qualifierParameter), create);
		return ResponseEntity.status(HttpStatus.CREATED).body(UrlConfiguration.of(function, url, false));
	}

	@GetMapping(URL)
	UrlConfiguration get(Caller caller, @PathVariable String functionName,
			@RequestParam(name = "Qualifier", required = false) @Nullable String qualifier) {
		FunctionRef function = this.targets.function(caller, functionName, Capability.READ, "GetFunctionUrlConfig");
		return UrlConfiguration.of(function,
				this.urls.get(function.namespace(), function.name(), function.qualifier(qualifier)), true);
	}

	/**
	 * Changes only what the request carries; the URL stays.
	 */
	@PutMapping(URL)
	UrlConfiguration update(Caller caller, @PathVariable String functionName,
			@RequestParam(name = "Qualifier", required = false) @Nullable String qualifierParameter,
			@RequestBody(required = false) byte @Nullable [] body) {
		UrlBody request = this.requests.read(body, UrlBody.class);
		FunctionRef function = this.targets.function(caller, functionName, Capability.WRITE, "UpdateFunctionUrlConfig");
		String qualifier = function.qualifier(qualifierParameter);
		FunctionUrlResponse current = this.urls.get(function.namespace(), function.name(), qualifier);
		FunctionUrlRequest update = this.requests.valid(
				new FunctionUrlRequest((request.authType() != null) ? authType(request.authType()) : current.authType(),
						(request.cors() != null) ? cors(request.cors()) : current.cors(),
						(request.invokeMode() != null) ? invokeMode(request.invokeMode()) : current.invokeMode()),
				MEMBER_NAMES);
		return UrlConfiguration.of(function,
				this.urls.update(function.namespace(), function.name(), qualifier, "*", update), true);
	}

	@DeleteMapping(URL)
	ResponseEntity<Void> delete(Caller caller, @PathVariable String functionName,
			@RequestParam(name = "Qualifier", required = false) @Nullable String qualifier) {
		FunctionRef function = this.targets.function(caller, functionName, Capability.WRITE, "DeleteFunctionUrlConfig");
		this.urls.delete(function.namespace(), function.name(), function.qualifier(qualifier));
		return ResponseEntity.noContent().build();
	}

	private static AuthType authType(String authType) {
		try {
			return AuthType.valueOf(authType);
		}
		catch (IllegalArgumentException ex) {
			throw LambdaException.invalidParameter("Value " + authType
					+ " at 'authType' failed to satisfy constraint: Member must satisfy enum value set: [NONE, AWS_IAM]");
		}
	}

	private static @Nullable InvokeMode invokeMode(@Nullable String invokeMode) {
		if (invokeMode == null) {
			return null;
		}
		try {
			return InvokeMode.valueOf(invokeMode);
		}
		catch (IllegalArgumentException ex) {
			throw LambdaException.invalidParameter("Value " + invokeMode + " at 'invokeMode' failed to satisfy "
					+ "constraint: Member must satisfy enum value set: [BUFFERED, RESPONSE_STREAM]");
		}
	}

	private static FunctionUrlRequest.@Nullable Cors cors(@Nullable Cors cors) {
		return (cors != null) ? new FunctionUrlRequest.Cors(cors.allowCredentials(), cors.allowHeaders(),
				cors.allowMethods(), cors.allowOrigins(), cors.exposeHeaders(), cors.maxAge()) : null;
	}

	/**
	 * {@code Create/UpdateFunctionUrlConfig}.
	 *
	 * @param authType {@code NONE} or {@code AWS_IAM}
	 * @param cors the CORS settings
	 * @param invokeMode {@code BUFFERED} or {@code RESPONSE_STREAM}
	 */
	@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
	record UrlBody(@Nullable String authType, @Nullable Cors cors, @Nullable String invokeMode) {
	}

	/**
	 * Lambda's {@code Cors}.
	 *
	 * @param allowCredentials whether credentials are allowed
	 * @param allowHeaders allowed request headers
	 * @param allowMethods allowed methods
	 * @param allowOrigins allowed origins
	 * @param exposeHeaders headers exposed to the browser
	 * @param maxAge seconds a preflight answer may be cached
	 */
	@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Cors(@Nullable Boolean allowCredentials, @Nullable List<String> allowHeaders,
			@Nullable List<String> allowMethods, @Nullable List<String> allowOrigins,
			@Nullable List<String> exposeHeaders, @Nullable Integer maxAge) {
	}

	/**
	 * Lambda's {@code FunctionUrlConfig}.
	 *
	 * @param functionUrl the address to call
	 * @param functionArn the function's ARN, qualified with the alias if it has one
	 * @param authType {@code NONE} or {@code AWS_IAM}
	 * @param cors the CORS settings
	 * @param creationTime ISO-8601
	 * @param lastModifiedTime ISO-8601; absent on creation
	 * @param invokeMode {@code BUFFERED} or {@code RESPONSE_STREAM}
	 */
	@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record UrlConfiguration(String functionUrl, String functionArn, String authType, @Nullable Cors cors,
			String creationTime, @Nullable String lastModifiedTime, String invokeMode) {

		static UrlConfiguration of(FunctionRef function, FunctionUrlResponse url, boolean withLastModified) {
			FunctionUrlRequest.Cors cors = url.cors();
			return new UrlConfiguration(url.functionUrl(),
					"$LATEST".equals(url.qualifier()) ? function.arn() : function.arn(url.qualifier()),
					url.authType().name(),
					(cors != null) ? new Cors(cors.allowCredentials(), cors.allowHeaders(), cors.allowMethods(),
							cors.allowOrigins(), cors.exposeHeaders(), cors.maxAgeSeconds()) : null,
					url.createdAt().toString(), withLastModified ? url.updatedAt().toString() : null,
					url.invokeMode().name());
		}

	}

}
