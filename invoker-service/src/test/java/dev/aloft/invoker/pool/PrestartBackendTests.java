package dev.aloft.invoker.pool;

import java.nio.file.Path;
import java.util.Map;

import dev.aloft.invoker.runtime.RuntimeCatalog;
import dev.aloft.invoker.sandbox.docker.DockerSandboxBackend;
import dev.aloft.invoker.sandbox.docker.DockerSandboxOptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On the docker backend, a family is pre-started in its own image, and only runtimes that
 * run in that image take its containers; Java is never pre-started there.
 */
class PrestartBackendTests {

	private static final Path SOCKET = Path.of("/nonexistent/docker.sock");

	@Test
	void aContainerRunsTheFamilysImageAndSeesItsTaskRootAtVarTask() {
		PrestartBackend backend = docker(Map.of("python", "py:family", "python3.12", "py:own"), "");

		assertThat(backend.runs(RuntimeCatalog.PYTHON)).isTrue();
		assertThat(backend.runs(RuntimeCatalog.NODEJS)).as("no image for Node.js").isFalse();
		assertThat(backend.fits("python3.11", RuntimeCatalog.PYTHON)).isTrue();
		assertThat(backend.fits("python3.12", RuntimeCatalog.PYTHON)).as("another image").isFalse();
		assertThat(backend.ownTaskRoots()).isTrue();
		assertThat(backend.taskRoot(Path.of("/work/task-roots/abc"))).isEqualTo("/var/task");
		assertThat(backend.variables(RuntimeCatalog.PYTHON)).containsEntry("AWS_EXECUTION_ENV", "AWS_Lambda_python");
	}

	@Test
	void theDefaultImageServesEveryFamilyButJava() {
		PrestartBackend backend = docker(Map.of(), "runtime:any");

		assertThat(backend.runs(RuntimeCatalog.PYTHON)).isTrue();
		assertThat(backend.runs(RuntimeCatalog.NODEJS)).isTrue();
		assertThat(backend.runs(RuntimeCatalog.JAVA)).isFalse();
		assertThat(backend.fits("java21", RuntimeCatalog.JAVA)).isFalse();
	}

	private static PrestartBackend docker(Map<String, String> images, String defaultImage) {
		return new PrestartBackend(
				new DockerSandboxBackend(new DockerSandboxOptions(SOCKET, images, defaultImage, "", "host")));
	}

}
