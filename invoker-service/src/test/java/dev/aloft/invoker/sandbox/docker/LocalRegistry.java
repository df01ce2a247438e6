package dev.aloft.invoker.sandbox.docker;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Docker registry on loopback, for tests of pulling images: the distribution registry
 * from Debian's {@code docker-registry} package ({@code .ci/start-docker} installs it),
 * storing in a throw-away directory. The engine talks plain HTTP to it, as it does to any
 * registry on 127.0.0.0/8.
 */
final class LocalRegistry implements AutoCloseable {

	static final Path BINARY = Path.of("/usr/bin/docker-registry");

	private final Process process;

	private final String address;

	private LocalRegistry(Process process, String address) {
		this.process = process;
		this.address = address;
	}

	/**
	 * Starts a registry and waits until it answers.
	 * @param directory where it keeps its configuration, storage and log
	 * @return the registry
	 */
	static LocalRegistry start(Path directory) throws IOException {
		assertThat(BINARY).as("the docker-registry package: run .ci/start-docker").isExecutable();
		String address = "127.0.0.1:" + freePort();
		Path config = directory.resolve("config.yml");
		Files.writeString(config, """
				version: 0.1
				log:
				  level: warn
				storage:
				  filesystem:
				    rootdirectory: %s
				http:
				  addr: %s
				""".formatted(directory.resolve("storage"), address));
		Process process = new ProcessBuilder(BINARY.toString(), "serve", config.toString()).redirectErrorStream(true)
			.redirectOutput(directory.resolve("registry.log").toFile())
			.start();
		LocalRegistry registry = new LocalRegistry(process, address);
		HttpClient client = HttpClient.newHttpClient();
		await("the registry at " + address).atMost(Duration.ofSeconds(30)).until(() -> {
			assertThat(process.isAlive()).as("the registry is running").isTrue();
			try {
				return client
					.send(HttpRequest.newBuilder(URI.create("http://" + address + "/v2/")).build(),
							HttpResponse.BodyHandlers.discarding())
					.statusCode() == 200;
			}
			catch (IOException ex) {
				return false;
			}
		});
		return registry;
	}

	/**
	 * The registry's {@code host:port}, as an image reference names it.
	 * @return the address
	 */
	String address() {
		return this.address;
	}

	/**
	 * Pushes an image the engine holds to this registry under another name, then drops
	 * that name from the engine, so that only a pull brings it back.
	 * @param image the image on the engine
	 * @param repositoryAndTag the name in this registry, {@code repository:tag}
	 * @return the full reference, with this registry's address
	 */
	String push(String image, String repositoryAndTag) throws IOException, InterruptedException {
		String reference = this.address + "/" + repositoryAndTag;
		docker("tag", image, reference);
		docker("push", reference);
		docker("rmi", reference);
		return reference;
	}

	private static void docker(String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(
				List.of("docker", "-H", "unix://" + DockerSandboxBackendContractIntegrationTests.SOCKET));
		command.addAll(List.of(arguments));
		Process docker = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(docker.getInputStream().readAllBytes());
		assertThat(docker.waitFor()).as("docker %s: %s", String.join(" ", arguments), output).isZero();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket()) {
			socket.bind(new InetSocketAddress("127.0.0.1", 0));
			return socket.getLocalPort();
		}
	}

	@Override
	public void close() {
		this.process.destroy();
	}

}
