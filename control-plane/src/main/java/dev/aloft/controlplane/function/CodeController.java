package dev.aloft.controlplane.function;

import dev.aloft.contracts.code.CodeApi;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Internal: invokers download code artifacts by hash. Artifacts never change, so the hash
 * is also the ETag.
 */
@RestController
class CodeController {

	private final FunctionService functions;

	CodeController(FunctionService functions) {
		this.functions = functions;
	}

	@GetMapping(CodeApi.CODE_PATH)
	ResponseEntity<byte[]> download(@PathVariable String sha256) {
		byte[] zip = this.functions.code(sha256);
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType("application/zip"))
			.eTag("\"" + sha256 + "\"")
			.body(zip);
	}

}
