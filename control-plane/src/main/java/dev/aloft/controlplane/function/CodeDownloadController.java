package dev.aloft.controlplane.function;

import dev.aloft.controlplane.system.CredentialFreePaths;
import org.jspecify.annotations.Nullable;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves a zip to whoever holds a valid signed link (see {@link CodeDownloadLinks}), with
 * no other credentials: the {@code Code.Location} of Lambda's {@code GetFunction}.
 */
@RestController
class CodeDownloadController {

	private final CodeDownloadLinks links;

	private final FunctionService functions;

	CodeDownloadController(CodeDownloadLinks links, FunctionService functions) {
		this.links = links;
		this.functions = functions;
	}

	@GetMapping(CredentialFreePaths.CODE_DOWNLOAD_PREFIX + "{sha256}")
	ResponseEntity<byte[]> download(@PathVariable String sha256,
			@RequestParam(name = "Expires", required = false) @Nullable String expires,
			@RequestParam(name = "Signature", required = false) @Nullable String signature) {
		this.links.check(sha256, expires, signature);
		byte[] zip = this.functions.code(sha256);
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType("application/zip"))
			.cacheControl(CacheControl.noStore())
			.eTag("\"" + sha256 + "\"")
			.body(zip);
	}

}
