package dev.aloft.invoker.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the Python bootstrap's own test suite ({@code src/test/python}), which drives the
 * bootstrap against a fake Runtime API: success and error shapes, init errors, the
 * context object, warm state, connection handling.
 */
class PythonBootstrapTests {

	@Test
	void bootstrapPassesItsSuite() throws IOException, InterruptedException {
		Path suite = Path.of("src/test/python").toAbsolutePath();
		Process process = new ProcessBuilder("python3", "-m", "unittest", "-v", "test_bootstrap")
			.directory(suite.toFile())
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
	}

}
