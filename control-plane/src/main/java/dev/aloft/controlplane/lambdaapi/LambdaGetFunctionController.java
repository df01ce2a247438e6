package dev.aloft.controlplane.lambdaapi;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.aloft.contracts.lambda.ForwardedLambdaCalls;
import dev.aloft.controlplane.accesskey.Caller;
import dev.aloft.controlplane.accesskey.Capability;
import dev.aloft.controlplane.function.CodeDownloadLinks;
import dev.aloft.controlplane.function.FunctionTags;
import dev.aloft.controlplane.function.ImageReference;
import dev.aloft.controlplane.function.InvocationSettingsService;
import dev.aloft.controlplane.lambdaapi.LambdaInvokeSettingsController.Concurrency;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Lambda's {@code GetFunction} and {@code GetFunctionConfiguration} at
 * {@code /2015-03-31/functions/{FunctionName}}: a function's configuration at a qualifier
 * ({@code $LATEST}, a version or an alias), and for {@code GetFunction} also where its
 * code is (a signed download link, or the image), and, on unqualified calls, its tags and
 * reserved concurrency.
 */
@RestController
class LambdaGetFunctionController {

	private final FunctionConfigurations configurations;

	private final LambdaTargets targets;

	private final CodeDownloadLinks downloadLinks;

	private final InvocationSettingsService settings;

	private final FunctionTags tags;

	LambdaGetFunctionController(FunctionConfigurations configurations, LambdaTargets targets,
			CodeDownloadLinks downloadLinks, InvocationSettingsService settings, FunctionTags tags) {
		this.configurations = configurations;
		this.targets = targets;
		this.downloadLinks = downloadLinks;
		this.settings = settings;
		this.tags = tags;
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

	private static String sha256Hex(String base64) {
		return HexFormat.of().formatHex(Base64.getDecoder().decode(base64));
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

}
