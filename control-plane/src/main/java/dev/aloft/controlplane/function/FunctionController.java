package dev.aloft.controlplane.function;

import java.io.IOException;
import java.net.URI;

import dev.aloft.controlplane.system.CursorPage;
import dev.aloft.controlplane.system.Preconditions;
import dev.aloft.controlplane.system.ProblemType;
import dev.aloft.controlplane.system.PublicApi;
import dev.aloft.problems.PlatformException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * {@code /v1/namespaces/{namespace}/functions}: create, read, list and delete functions.
 */
@PublicApi
@RestController
@RequestMapping(path = "/namespaces/{namespace}/functions", version = "1")
class FunctionController {

	private final FunctionService functions;

	FunctionController(FunctionService functions) {
		this.functions = functions;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<FunctionResponse> create(@PathVariable String namespace,
			@Valid @RequestBody CreateFunctionRequest request) {
		return created(this.functions.create(namespace, request, null));
	}

	/**
	 * Creates a function from a multipart form: a JSON {@code configuration} part and the
	 * zip as a {@code code} part, e.g.
	 * {@code curl -F configuration=@fn.json -F code=@fn.zip}.
	 */
	@PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	ResponseEntity<FunctionResponse> createFromParts(@PathVariable String namespace,
			@Valid @RequestPart("configuration") CreateFunctionRequest request, @RequestPart("code") MultipartFile code)
			throws IOException {
		return created(this.functions.create(namespace, request, code.getBytes()));
	}

	/**
	 * Replaces the configuration; needs {@code If-Match} with the ETag last read.
	 */
	@PutMapping(path = "/{name}", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<FunctionResponse> configure(@PathVariable String namespace, @PathVariable String name,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
			@Valid @RequestBody UpdateFunctionRequest request) {
		return current(this.functions.configure(namespace, name, ifMatch, request));
	}

	/**
	 * Replaces the code with a raw zip body
	 * ({@code curl --data-binary @fn.zip -H 'content-type:
	 * application/zip'}); needs {@code If-Match}.
	 */
	@PutMapping(path = "/{name}/code", consumes = "application/zip")
	ResponseEntity<FunctionResponse> replaceCode(@PathVariable String namespace, @PathVariable String name,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
			@RequestBody byte[] zip) {
		return current(this.functions.replaceCode(namespace, name, ifMatch, zip));
	}

	/**
	 * Replaces the code with {@code {"zipFile": "<base64>"}}, or an Image function's
	 * image with {@code {"imageUri": "<reference>"}}; needs {@code If-Match}.
	 */
	@PutMapping(path = "/{name}/code", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<FunctionResponse> replaceCodeFromJson(@PathVariable String namespace, @PathVariable String name,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
			@Valid @RequestBody CreateFunctionRequest.CodeRequest code) {
		if (code.imageUri() != null) {
			if (code.zipFile() != null) {
				throw new PlatformException(ProblemType.VALIDATION_FAILED, "Send zipFile or imageUri, not both");
			}
			return current(this.functions.replaceImage(namespace, name, ifMatch, code.imageUri()));
		}
		return current(this.functions.replaceCode(namespace, name, ifMatch, CodeIntake.decodeBase64(code.zipFile())));
	}

	/**
	 * Replaces the code with a multipart {@code code} part; needs {@code If-Match}.
	 */
	@PutMapping(path = "/{name}/code", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	ResponseEntity<FunctionResponse> replaceCodeFromParts(@PathVariable String namespace, @PathVariable String name,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
			@RequestPart("code") MultipartFile code) throws IOException {
		return current(this.functions.replaceCode(namespace, name, ifMatch, code.getBytes()));
	}

	@GetMapping("/{name}")
	ResponseEntity<FunctionResponse> get(@PathVariable String namespace, @PathVariable String name) {
		return current(this.functions.find(namespace, name));
	}

	@GetMapping
	CursorPage<FunctionResponse> list(@PathVariable String namespace,
			@RequestParam(defaultValue = "50") @Min(1) @Max(100) int limit,
			@RequestParam(required = false) @Nullable String pageToken) {
		CursorPage<FunctionDefinition> page = this.functions.list(namespace, limit, pageToken);
		return new CursorPage<>(page.items().stream().map(FunctionResponse::from).toList(), page.nextPageToken());
	}

	@DeleteMapping("/{name}")
	ResponseEntity<Void> delete(@PathVariable String namespace, @PathVariable String name) {
		this.functions.delete(namespace, name);
		return ResponseEntity.noContent().build();
	}

	private static ResponseEntity<FunctionResponse> created(FunctionDefinition function) {
		URI location = ServletUriComponentsBuilder.fromCurrentRequestUri()
			.path("/{name}")
			.buildAndExpand(function.name())
			.toUri();
		return ResponseEntity.created(location).eTag(eTag(function)).body(FunctionResponse.from(function));
	}

	private static ResponseEntity<FunctionResponse> current(FunctionDefinition function) {
		return ResponseEntity.ok().eTag(eTag(function)).body(FunctionResponse.from(function));
	}

	private static String eTag(FunctionDefinition function) {
		return Preconditions.eTag(function.entityVersion());
	}

}
