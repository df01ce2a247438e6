package dev.aloft.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a user does with curl: deploy through the control plane's REST API, call routes on
 * the gateway.
 */
final class AloftClient {

	static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * The administrator's credentials the build gives every test JVM, and the services
	 * inherit.
	 */
	static final String ADMIN_CREDENTIALS = System.getenv("ALOFT_ADMIN_ACCESS_KEY_ID") + ":"
			+ System.getenv("ALOFT_ADMIN_SECRET_ACCESS_KEY");

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String controlPlane;

	private final String gateway;

	AloftClient(String controlPlane, String gateway) {
		this.controlPlane = controlPlane;
		this.gateway = gateway;
	}

	HttpResponse<String> createFunction(String name, String runtime, String handler, byte[] zip) throws Exception {
		Map<String, Object> request = Map.of("name", name, "runtime", runtime, "handler", handler, "code",
				Map.of("zipFile", Base64.getEncoder().encodeToString(zip)));
		return post(this.controlPlane + "/v1/namespaces/default/functions", JSON.writeValueAsString(request));
	}

	HttpResponse<String> createRoute(String method, String path, String function) throws Exception {
		return post(this.controlPlane + "/v1/namespaces/default/routes",
				JSON.writeValueAsString(Map.of("method", method, "path", path, "function", function)));
	}

	HttpResponse<String> createFunctionUrl(String function, Map<String, Object> settings) throws Exception {
		return post(this.controlPlane + "/v1/namespaces/default/functions/" + function + "/url",
				JSON.writeValueAsString(settings));
	}

	HttpResponse<String> get(String pathOnGateway) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create(this.gateway + pathOnGateway))
			.timeout(Duration.ofSeconds(60))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	HttpResponse<String> controlPlaneGet(String path) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create(this.controlPlane + path))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", "Bearer " + ADMIN_CREDENTIALS)
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	static JsonNode json(HttpResponse<String> response) {
		return JSON.readTree(response.body());
	}

	private HttpResponse<String> post(String url, String json) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create(url))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + ADMIN_CREDENTIALS)
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * A zip holding one file.
	 */
	static byte[] zip(String fileName, String content) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
			zip.putNextEntry(new ZipEntry(fileName));
			zip.write(content.getBytes(StandardCharsets.UTF_8));
			zip.closeEntry();
		}
		return bytes.toByteArray();
	}

}
