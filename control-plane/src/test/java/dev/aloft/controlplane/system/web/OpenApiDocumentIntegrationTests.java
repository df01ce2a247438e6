package dev.aloft.controlplane.system.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import dev.aloft.controlplane.system.PublicApi;
import dev.aloft.testsupport.PostgresTestDatabaseInitializer;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.io.ClassPathResource;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checked-in OpenAPI document names exactly the operations the {@code /v1}
 * controllers map (path and method), and is served without credentials.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = PostgresTestDatabaseInitializer.class)
class OpenApiDocumentIntegrationTests {

	/** The prefix every public API path gets (see WebConfiguration). */
	private static final Pattern VERSION_PREFIX = Pattern.compile("^/\\{apiVersion:[^}]*}");

	/** A path variable with a pattern, e.g. {@code {id:[0-9]+}}. */
	private static final Pattern VARIABLE_PATTERN = Pattern.compile("\\{(\\w+):[^}]*}");

	@LocalServerPort
	private int port;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	private RequestMappingHandlerMapping mappings;

	@Test
	void documentNamesExactlyTheMappedOperations() throws IOException {
		assertThat(documented()).isEqualTo(mapped());
	}

	@Test
	void documentIsServedWithoutCredentials() throws Exception {
		HttpResponse<byte[]> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/v1/openapi.yaml")).build(),
					HttpResponse.BodyHandlers.ofByteArray());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/yaml"));
		try (InputStream in = new ClassPathResource(OpenApiController.DOCUMENT).getInputStream()) {
			assertThat(response.body()).isEqualTo(in.readAllBytes());
		}
	}

	/**
	 * {@code METHOD /v1/path} of every mapping of a {@link PublicApi} controller.
	 */
	private Set<String> mapped() {
		Set<String> operations = new TreeSet<>();
		for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping : this.mappings.getHandlerMethods().entrySet()) {
			if (!AnnotatedElementUtils.hasAnnotation(mapping.getValue().getBeanType(), PublicApi.class)) {
				continue;
			}
			Set<RequestMethod> methods = mapping.getKey().getMethodsCondition().getMethods();
			for (String pattern : mapping.getKey().getPatternValues()) {
				String path = VARIABLE_PATTERN.matcher(VERSION_PREFIX.matcher(pattern).replaceFirst("/v1"))
					.replaceAll("{$1}");
				for (RequestMethod method : methods) {
					operations.add(method.name() + " " + path);
				}
			}
		}
		return operations;
	}

	/**
	 * {@code METHOD /v1/path} of every operation in the document.
	 */
	@SuppressWarnings("unchecked")
	private static Set<String> documented() throws IOException {
		Map<String, Object> document;
		try (InputStream in = new ClassPathResource(OpenApiController.DOCUMENT).getInputStream()) {
			document = new Yaml().load(in);
		}
		Set<String> operations = new TreeSet<>();
		Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) document.get("paths");
		for (Map.Entry<String, Map<String, Object>> path : paths.entrySet()) {
			for (String key : path.getValue().keySet()) {
				if (Set.of("get", "put", "post", "delete", "patch", "head", "options").contains(key)) {
					operations.add(key.toUpperCase(Locale.ROOT) + " /v1" + path.getKey());
				}
			}
		}
		return operations;
	}

}
