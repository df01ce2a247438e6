package dev.aloft.invoker.sandbox.docker;

import tools.jackson.databind.JsonNode;

/**
 * The images of container-image functions, as the engine holds them: looks one up, and
 * has the engine pull it first when it is missing and the {@link PullPolicy} allows.
 * Pulls are anonymous (no registry credentials are sent); an image of a private registry
 * is loaded onto the engine beforehand.
 */
class DockerImages {

	private final DockerEngine engine;

	private final PullPolicy pull;

	DockerImages(DockerEngine engine, PullPolicy pull) {
		this.engine = engine;
		this.pull = pull;
	}

	/**
	 * The configuration of an image ({@code Entrypoint}, {@code Cmd},
	 * {@code WorkingDir}...), pulled first when it is missing and pulls are allowed.
	 * @param reference the image reference
	 * @return the image's {@code Config}
	 * @throws DockerEngineException naming the image when it is not on the engine and
	 * cannot be pulled
	 */
	JsonNode config(String reference) {
		DockerEngine.Response inspected = inspect(reference);
		if (inspected.status() == 404) {
			if (this.pull == PullPolicy.NEVER) {
				throw new DockerEngineException("The image " + reference
						+ " is not on the Docker engine, and aloft.invoker.sandbox.docker.pull is never: load the image onto the engine",
						null);
			}
			pull(reference);
			inspected = inspect(reference);
		}
		if (!inspected.ok()) {
			throw inspected.failure("Looking up the image " + reference);
		}
		return this.engine.parse(inspected).path("Config");
	}

	private DockerEngine.Response inspect(String reference) {
		return this.engine.call("GET", "/images/" + reference + "/json", null);
	}

	private void pull(String reference) {
		ImageName name = ImageName.of(reference);
		DockerEngine.Response pulled = this.engine.call("POST", "/images/create?fromImage="
				+ DockerEngine.encode(name.repository()) + "&tag=" + DockerEngine.encode(name.tagOrDigest()), null);
		if (!pulled.ok()) {
			throw pulled.failure("Pulling the image " + reference);
		}
		// The engine answers 200 before it pulls and streams its progress as JSON lines:
		// a failure part-way is a line with an error.
		for (String line : pulled.body().split("\n")) {
			if (line.contains("\"error\"")) {
				String error = this.engine.parse(new DockerEngine.Response(200, line)).path("error").asString();
				throw new DockerEngineException("Pulling the image " + reference + " failed: " + error, null);
			}
		}
	}

	/**
	 * An image reference split as the engine's pull takes it. Without a tag or digest it
	 * is {@code latest}, so a pull never fetches every tag of a repository.
	 *
	 * @param repository the repository, with its registry
	 * @param tagOrDigest the tag, or the digest ({@code sha256:<hex>})
	 */
	record ImageName(String repository, String tagOrDigest) {

		static ImageName of(String reference) {
			int at = reference.indexOf('@');
			if (at >= 0) {
				return new ImageName(reference.substring(0, at), reference.substring(at + 1));
			}
			int colon = reference.lastIndexOf(':');
			if (colon > reference.lastIndexOf('/')) {
				return new ImageName(reference.substring(0, colon), reference.substring(colon + 1));
			}
			return new ImageName(reference, "latest");
		}

	}

}
