package dev.aloft.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * One Aloft JVM started from its real jar, with its output in {@code target/e2e-logs}.
 */
final class AloftProcess implements AutoCloseable {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final String name;

	private final Process process;

	private final Path log;

	private AloftProcess(String name, Process process, Path log) {
		this.name = name;
		this.process = process;
		this.log = log;
	}

	/**
	 * Starts {@code java -jar <jar> <args>} with changes to the inherited environment: a
	 * variable with an empty value is removed.
	 */
	static AloftProcess start(String name, String jarProperty, List<String> args, Map<String, String> environment)
			throws IOException {
		String jar = System.getProperty(jarProperty);
		String java = System.getProperty("aloft.e2e.java", "java");
		if (jar == null || !Files.isRegularFile(Path.of(jar))) {
			throw new IllegalStateException("Run through Maven (./mvnw verify): " + jarProperty + " is " + jar);
		}
		List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-XX:TieredStopAtLevel=1", "-jar", jar));
		command.addAll(args);
		Path logs = Files.createDirectories(Path.of("target", "e2e-logs"));
		Path log = logs.resolve(name + "-" + System.currentTimeMillis() + ".log");
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		environment.forEach((variable, value) -> {
			if (value.isEmpty()) {
				builder.environment().remove(variable);
			}
			else {
				builder.environment().put(variable, value);
			}
		});
		return new AloftProcess(name, builder.start(), log);
	}

	/**
	 * Waits until every URL answers 200: actuator readiness of each service.
	 */
	AloftProcess awaitReady(String... readinessUrls) {
		for (String url : readinessUrls) {
			await(this.name + " ready at " + url).atMost(Duration.ofMinutes(3))
				.pollInterval(Duration.ofMillis(250))
				.until(() -> {
					if (!this.process.isAlive()) {
						throw new IllegalStateException(this.name + " exited; see " + this.log.toAbsolutePath());
					}
					return status(url) == 200;
				});
		}
		return this;
	}

	/**
	 * Waits for the process to exit by itself.
	 * @param limit how long to wait
	 * @return the exit code
	 */
	int awaitExit(Duration limit) throws InterruptedException {
		if (!this.process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
			throw new IllegalStateException(
					this.name + " still runs after " + limit + "; see " + this.log.toAbsolutePath());
		}
		return this.process.exitValue();
	}

	long pid() {
		return this.process.pid();
	}

	Path log() {
		return this.log;
	}

	/**
	 * Stops the process as Ctrl-C or a container stop would (SIGTERM), and waits for it.
	 * @return the exit code
	 */
	int stop() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(60, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
			throw new IllegalStateException(this.name + " did not stop within 60 s; see " + this.log.toAbsolutePath());
		}
		return this.process.exitValue();
	}

	@Override
	public void close() throws InterruptedException {
		if (this.process.isAlive()) {
			stop();
		}
	}

	static int status(String url) {
		try {
			return HTTP
				.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
						HttpResponse.BodyHandlers.discarding())
				.statusCode();
		}
		catch (IOException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

}
