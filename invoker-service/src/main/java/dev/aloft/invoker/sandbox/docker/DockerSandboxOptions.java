package dev.aloft.invoker.sandbox.docker;

import java.nio.file.Path;
import java.util.Map;

/**
 * How the docker backend reaches the engine and what it runs functions in.
 *
 * @param socket the engine's unix socket
 * @param images the image each runtime's command runs in, by runtime
 * ({@code python3.11}); a key may also name a runtime family, its leading letters
 * ({@code python}, {@code nodejs}, {@code java}, {@code provided})
 * @param defaultImage the image of runtimes without their own, or empty for none
 * @param user the user containers run as ({@code uid[:gid]}), or empty for the image's
 * @param network {@code host} (the Runtime API is on the invoker's loopback) or
 * {@code none}
 * @param pull whether the engine may pull a container-image function's image it does not
 * hold
 */
public record DockerSandboxOptions(Path socket, Map<String, String> images, String defaultImage, String user,
		String network, PullPolicy pull) {

	public DockerSandboxOptions {
		images = Map.copyOf(images);
		if (!network.equals("host") && !network.equals("none")) {
			throw new IllegalArgumentException("A docker sandbox's network is host or none, not " + network);
		}
	}

	/**
	 * Options that pull missing images ({@link PullPolicy#MISSING}).
	 * @param socket the engine's unix socket
	 * @param images the image each runtime's command runs in
	 * @param defaultImage the image of runtimes without their own, or empty for none
	 * @param user the user containers run as, or empty for the image's
	 * @param network {@code host} or {@code none}
	 */
	public DockerSandboxOptions(Path socket, Map<String, String> images, String defaultImage, String user,
			String network) {
		this(socket, images, defaultImage, user, network, PullPolicy.MISSING);
	}

	/**
	 * These options with another pull policy.
	 * @param pull whether missing images are pulled
	 * @return the options
	 */
	public DockerSandboxOptions withPull(PullPolicy pull) {
		return new DockerSandboxOptions(this.socket, this.images, this.defaultImage, this.user, this.network, pull);
	}

	/**
	 * The image a runtime runs in: its own, its family's, or the default.
	 * @param runtime the runtime identifier
	 * @return the image, or empty when none is configured
	 */
	String image(String runtime) {
		String image = this.images.get(runtime);
		if (image == null) {
			image = this.images.get(runtime.replaceAll("^([a-z]+).*$", "$1"));
		}
		return (image != null) ? image : this.defaultImage;
	}

}
