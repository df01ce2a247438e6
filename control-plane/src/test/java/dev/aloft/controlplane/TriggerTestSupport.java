package dev.aloft.controlplane;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the tests of triggers and function URLs share: namespaces and keys of their own,
 * functions with versions and aliases, and the resources of a kind on the feed.
 */
public final class TriggerTestSupport {

	private TriggerTestSupport() {
	}

	/**
	 * A name no other test uses.
	 * @param prefix how it starts
	 * @return the name
	 */
	public static String uniqueName(String prefix) {
		return prefix + "-" + Long.toString(System.nanoTime(), 36);
	}

	/**
	 * Creates a namespace.
	 * @param admin the administrator's client
	 * @return the new namespace
	 */
	public static String createNamespace(ControlPlaneClient admin) {
		String namespace = uniqueName("ns");
		assertThat(admin.post("/v1/namespaces", Map.of("name", namespace)).getStatusCode())
			.isEqualTo(HttpStatus.CREATED);
		return namespace;
	}

	/**
	 * A client presenting a new access key that has one role in one namespace.
	 * @param admin the administrator's client
	 * @param port the server's port
	 * @param namespace the namespace
	 * @param role the role there
	 * @return the client
	 */
	public static ControlPlaneClient keyWithRole(ControlPlaneClient admin, int port, String namespace, String role) {
		JsonNode key = admin.post("/v1/access-keys", Map.of()).getBody();
		String id = key.get("accessKeyId").asString();
		assertThat(admin.put("/v1/namespaces/" + namespace + "/role-bindings/" + id, null, Map.of("role", role))
			.getStatusCode()).isEqualTo(HttpStatus.OK);
		return new ControlPlaneClient(port, id + ":" + key.get("secretAccessKey").asString());
	}

	/**
	 * Creates a function with a published version 1 and an alias {@code live} pointing at
	 * it.
	 * @param client the client
	 * @param namespace the namespace
	 * @param name the function's name
	 */
	public static void createFunctionWithAlias(ControlPlaneClient client, String namespace, String name) {
		client.createFunction(namespace, name);
		String function = ControlPlaneClient.functionsPath(namespace) + "/" + name;
		assertThat(client.post(function + "/versions", Map.of()).getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(client.post(function + "/aliases", Map.of("name", "live", "functionVersion", "1")).getStatusCode())
			.isEqualTo(HttpStatus.CREATED);
	}

	/**
	 * The live resources of a kind on the feed.
	 * @param client the client
	 * @param kind the kind, e.g. {@code SCHEDULE}
	 * @return the resources, as followers read them
	 */
	public static List<JsonNode> feed(ControlPlaneClient client, String kind) {
		return client.snapshot()
			.get("resources")
			.valueStream()
			.filter((resource) -> resource.get("kind").asString().equals(kind))
			.toList();
	}

	/**
	 * The live resource of a kind on the feed whose field has a value.
	 * @param client the client
	 * @param kind the kind
	 * @param field the field, e.g. {@code id}
	 * @param value its value
	 * @return the resource, if it is on the feed
	 */
	public static Optional<JsonNode> feedResource(ControlPlaneClient client, String kind, String field, String value) {
		return feed(client, kind).stream()
			.filter((resource) -> resource.path(field).asString().equals(value))
			.findFirst();
	}

	/**
	 * The {@code id}s of every item of a list endpoint, following the pages to the end.
	 * @param client the client
	 * @param path the list's path
	 * @return the ids, in list order
	 */
	public static List<String> listIds(ControlPlaneClient client, String path) {
		List<String> ids = new ArrayList<>();
		String token = null;
		do {
			ResponseEntity<JsonNode> page = (token != null) ? client.get(path + "?limit=100&pageToken={token}", token)
					: client.get(path + "?limit=100");
			assertThat(page.getStatusCode()).as("list %s: %s", path, page.getBody()).isEqualTo(HttpStatus.OK);
			page.getBody().get("items").forEach((item) -> ids.add(item.get("id").asString()));
			JsonNode next = page.getBody().get("nextPageToken");
			token = (next != null && !next.isNull()) ? next.asString() : null;
		}
		while (token != null);
		return ids;
	}

}
