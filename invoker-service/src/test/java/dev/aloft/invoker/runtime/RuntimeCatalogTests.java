package dev.aloft.invoker.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.aloft.invoker.InvokerProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * How each runtime starts. Sandboxes run with the function's code as their working
 * directory, so every path in a bootstrap command must be absolute.
 */
class RuntimeCatalogTests {

	@TempDir
	Path work;

	@Test
	void pythonRuntimesRunTheBundledBootstrapWithTheRealInterpreter() throws IOException {
		RuntimeCatalog catalog = catalog(this.work);

		List<String> command = catalog.bootstrapCommand("python3.11", this.work.resolve("code"));

		assertThat(command).hasSize(3);
		assertThat(Path.of(command.get(0))).isAbsolute().isExecutable();
		assertThat(command.get(1)).isEqualTo("-u");
		Path bootstrap = Path.of(command.get(2));
		assertThat(bootstrap).isEqualTo(this.work.resolve("runtimes/python/bootstrap.py"));
		try (InputStream bundled = getClass().getClassLoader().getResourceAsStream("runtimes/python/bootstrap.py")) {
			assertThat(bootstrap).hasBinaryContent(bundled.readAllBytes());
		}
		assertThat(catalog.bootstrapCommand("python3.13", this.work.resolve("code"))).isEqualTo(command);
	}

	@Test
	void providedRuntimesRunTheFunctionsOwnBootstrap() throws IOException {
		RuntimeCatalog catalog = catalog(this.work);
		Path code = this.work.resolve("code/abc");

		assertThat(catalog.bootstrapCommand("provided", code)).containsExactly(code.resolve("bootstrap").toString());
		assertThat(catalog.bootstrapCommand("provided.al2023", code))
			.containsExactly(code.resolve("bootstrap").toString());
	}

	@Test
	void unknownRuntimesAreRefused() throws IOException {
		RuntimeCatalog catalog = catalog(this.work);

		assertThatExceptionOfType(UnsupportedRuntimeException.class)
			.isThrownBy(() -> catalog.bootstrapCommand("nodejs20.x", this.work))
			.withMessageContaining("nodejs20.x");
		assertThatExceptionOfType(UnsupportedRuntimeException.class)
			.isThrownBy(() -> catalog.bootstrapCommand("python2.7", this.work));
	}

	@Test
	void aCommandThatIsNotPythonFailsStartUp() {
		assertThatIllegalStateException()
			.isThrownBy(() -> new RuntimeCatalog(new RuntimeProperties("false"),
					new InvokerProperties("invoker-1", this.work, "us-east-1")))
			.withMessageContaining("'false'");
	}

	/**
	 * A relative work directory (say {@code ALOFT_INVOKER_WORK_DIRECTORY=data}) must not
	 * give a relative bootstrap path: the sandbox starts in the code directory, where it
	 * would not resolve.
	 */
	@Test
	void bootstrapPathIsAbsoluteEvenForARelativeWorkDirectory() throws IOException {
		Path relative = Path.of("target", "relative-work-" + ProcessHandle.current().pid());
		try {
			RuntimeCatalog catalog = catalog(relative);

			List<String> command = catalog.bootstrapCommand("python3.11", relative.resolve("code/abc"));

			assertThat(Path.of(command.get(2))).isAbsolute();
		}
		finally {
			Files.deleteIfExists(relative.resolve("runtimes/python/bootstrap.py"));
			Files.deleteIfExists(relative.resolve("runtimes/python"));
			Files.deleteIfExists(relative.resolve("runtimes"));
			Files.deleteIfExists(relative);
		}
	}

	private static RuntimeCatalog catalog(Path work) throws IOException {
		return new RuntimeCatalog(new RuntimeProperties("python3"),
				new InvokerProperties("invoker-1", work, "us-east-1"));
	}

}
