package dev.aloft.invoker.sandbox.process;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import dev.aloft.invoker.spi.InvalidSandboxSpecException;
import dev.aloft.invoker.spi.Sandbox;
import dev.aloft.invoker.spi.SandboxId;
import dev.aloft.invoker.spi.SandboxImage;
import dev.aloft.invoker.spi.SandboxLimits;
import dev.aloft.invoker.spi.SandboxSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The process backend cannot run a container image: it says so at admission and when
 * asked to start one, and starts nothing.
 */
class ProcessSandboxImageRefusalTests {

	@TempDir
	Path temp;

	private final SandboxSpec spec = new SandboxSpec(new SandboxId("image-1"), Map.of(),
			new SandboxImage("team/fn:1", Map.of()), new SandboxLimits(128, 512, 1024), (stream, line) -> {
			});

	@Test
	void anImageSpecIsRefusedAtAdmission() {
		try (ProcessSandboxBackend backend = new ProcessSandboxBackend(this.temp)) {
			assertThatExceptionOfType(InvalidSandboxSpecException.class).isThrownBy(() -> backend.validate(this.spec))
				.withMessageContaining("Container-image functions need the docker sandbox backend");
		}
	}

	@Test
	void creatingOneFailsTheFutureAndLeavesNothingBehind() {
		try (ProcessSandboxBackend backend = new ProcessSandboxBackend(this.temp)) {
			CompletableFuture<Sandbox> created = backend.create(this.spec);

			assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> created.get(10, TimeUnit.SECONDS))
				.withCauseInstanceOf(InvalidSandboxSpecException.class)
				.withMessageContaining("need the docker sandbox backend");
			assertThat(this.temp.resolve("image-1")).doesNotExist();
		}
	}

}
