package dev.aloft.controlplane.system.web;

import java.io.IOException;
import java.io.InputStream;

import dev.aloft.controlplane.system.PublicApi;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/openapi.yaml}: the OpenAPI document of the {@code /v1} API, checked in
 * at {@value #DOCUMENT} and served without credentials (it holds no data). A test keeps
 * it in step with the controllers' mappings.
 */
@PublicApi
@RestController
class OpenApiController {

	/** Where the document lives on the classpath. */
	static final String DOCUMENT = "openapi/aloft-v1.yaml";

	private static final MediaType YAML = MediaType.parseMediaType("application/yaml");

	private final byte[] document;

	OpenApiController() throws IOException {
		try (InputStream in = new ClassPathResource(DOCUMENT).getInputStream()) {
			this.document = in.readAllBytes();
		}
	}

	@GetMapping(path = "/openapi.yaml", version = "1")
	ResponseEntity<byte[]> document() {
		return ResponseEntity.ok().contentType(YAML).cacheControl(CacheControl.noCache()).body(this.document);
	}

}
