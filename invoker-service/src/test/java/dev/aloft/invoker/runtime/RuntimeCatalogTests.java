package dev.aloft.invoker.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import dev.aloft.invoker.InvokerProperties;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.entry;
import static org.awaitility.Awaitility.await;

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

		List<String> command = catalog.bootstrapCommand("python3.11", "app.handler", 128, this.work.resolve("code"));

		assertThat(command).hasSize(3);
		assertThat(Path.of(command.get(0))).isAbsolute().isExecutable();
		assertThat(command.get(1)).isEqualTo("-u");
		Path bootstrap = Path.of(command.get(2));
		assertThat(bootstrap).isEqualTo(this.work.resolve("runtimes/python/bootstrap.py"));
		try (InputStream bundled = getClass().getClassLoader().getResourceAsStream("runtimes/python/bootstrap.py")) {
			assertThat(bootstrap).hasBinaryContent(bundled.readAllBytes());
		}
		assertThat(catalog.bootstrapCommand("python3.13", "app.handler", 128, this.work.resolve("code")))
			.isEqualTo(command);
	}

	@Test
	void providedRuntimesRunTheFunctionsOwnBootstrap() throws IOException {
		RuntimeCatalog catalog = catalog(this.work);
		Path code = this.work.resolve("code/abc");

		assertThat(catalog.bootstrapCommand("provided", "function.handler", 128, code))
			.containsExactly(code.resolve("bootstrap").toString());
		assertThat(catalog.bootstrapCommand("provided.al2023", "function.handler", 128, code))
			.containsExactly(code.resolve("bootstrap").toString());
	}

	@Test
	void unknownRuntimesAreRefused() throws IOException {
		RuntimeCatalog catalog = catalog(this.work);

		assertThatExceptionOfType(UnsupportedRuntimeException.class)
			.isThrownBy(() -> catalog.bootstrapCommand("ruby3.3", "app.handler", 128, this.work))
			.withMessageContaining("ruby3.3");
		assertThatExceptionOfType(UnsupportedRuntimeException.class)
			.isThrownBy(() -> catalog.bootstrapCommand("python2.7", "app.handler", 128, this.work));
		assertThatExceptionOfType(UnsupportedRuntimeException.class)
			.isThrownBy(() -> catalog.bootstrapCommand("java8.al2", "app.Handler", 128, this.work));
	}

	@Test
	void aCommandThatIsNotPythonFailsStartUp() {
		assertThatIllegalStateException()
			.isThrownBy(() -> new RuntimeCatalog(properties("false", "node", null),
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

			List<String> command = catalog.bootstrapCommand("python3.11", "app.handler", 128,
					relative.resolve("code/abc"));

			assertThat(Path.of(command.get(2))).isAbsolute();
		}
		finally {
			try (Stream<Path> files = Files.walk(relative)) {
				files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
			}
		}
	}

	@Test
	void nodejsRuntimesRunTheBundledBootstrapWithAHeapBelowTheMemorySize() throws IOException {
		RuntimeCatalog catalog = catalog(this.work);

		List<String> command = catalog.bootstrapCommand("nodejs20.x", "index.handler", 1024, this.work.resolve("code"));

		assertThat(Path.of(command.get(0))).isAbsolute().isExecutable();
		assertThat(command).contains("--max-semi-space-size=16", "--max-old-space-size=873")
			.endsWith(this.work.resolve("runtimes/nodejs/bootstrap.cjs").toString());
		assertThat(catalog.bootstrapCommand("nodejs22.x", "index.handler", 1024, this.work.resolve("code")))
			.isEqualTo(command);
		assertThat(catalog.bootstrapCommand("nodejs18.x", "index.handler", 1024, this.work.resolve("code")))
			.isEqualTo(command);
	}

	@Test
	void withoutNodeTheNodejsRuntimesAreUnavailable() throws IOException {
		RuntimeCatalog catalog = new RuntimeCatalog(properties("python3", "no-such-node", null),
				new InvokerProperties("invoker-1", this.work, "us-east-1"));

		assertThatExceptionOfType(UnsupportedRuntimeException.class)
			.isThrownBy(() -> catalog.bootstrapCommand("nodejs20.x", "index.handler", 128, this.work));
	}

	@Test
	void javaRuntimesRunTheRuntimeInterfaceClientWithAHeapFromTheMemorySize() throws IOException {
		RuntimeCatalog catalog = catalog(this.work);
		Path code = this.work.resolve("code/abc");

		List<String> command = catalog.bootstrapCommand("java21", "example.Handler::handleRequest", 512, code);

		assertThat(command.subList(0, 4)).containsExactly("/bin/sh", "-c",
				"unset PWD; exec \"$0\" -Djava.io.tmpdir=\"$TMPDIR\" \"$@\"",
				Path.of(System.getProperty("java.home"), "bin", "java").toString());
		assertThat(command).contains("-XX:MaxHeapSize=435m", "--add-opens=java.base/java.io=ALL-UNNAMED")
			.endsWith("com.amazonaws.services.lambda.runtime.api.client.AWSLambda", "example.Handler::handleRequest");
		String classPath = command.get(command.indexOf("-cp") + 1);
		// The function's code is the RIC's to load, from its working directory.
		assertThat(classPath).doesNotContain(code.toString());
		assertThat(classPath.split(":")[0]).endsWith("aws-lambda-java-runtime-interface-client.jar");
		for (String jar : classPath.split(":")) {
			if (jar.endsWith(".jar")) {
				assertThat(Path.of(jar)).isRegularFile();
			}
		}
		assertThat(command).anySatisfy((argument) -> assertThat(argument)
			.startsWith("-Dcom.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI=" + this.work));
		assertThat(catalog.bootstrapCommand("java25", "example.Handler", 512, code).get(3)).isEqualTo(command.get(3));
		awaitClassDataArchive(catalog, code);
	}

	@Test
	void onlyTheJavaRuntimesAskForLambdasTelemetryDescriptor() throws IOException {
		RuntimeCatalog catalog = catalog(this.work);

		assertThat(catalog.bootstrapEnvironment("java21")).containsExactly(entry("_LAMBDA_TELEMETRY_LOG_FD", "3"));
		assertThat(catalog.bootstrapEnvironment("java25")).containsExactly(entry("_LAMBDA_TELEMETRY_LOG_FD", "3"));
		assertThat(catalog.bootstrapEnvironment("python3.11")).isEmpty();
		assertThat(catalog.bootstrapEnvironment("provided.al2023")).isEmpty();
	}

	@Test
	void javaCommandsMapTheClientsClassesFromAClassDataSharingArchiveOnceItIsDumped() throws Exception {
		RuntimeCatalog catalog = catalog(this.work);
		Path code = this.work.resolve("code/abc");

		awaitClassDataArchive(catalog, code);

		List<String> command = catalog.bootstrapCommand("java21", "example.Handler", 256, code);
		String archive = command.stream()
			.filter((argument) -> argument.startsWith("-XX:SharedArchiveFile="))
			.findFirst()
			.orElseThrow()
			.substring("-XX:SharedArchiveFile=".length());
		String classPath = command.get(command.indexOf("-cp") + 1);
		assertThat(command).contains("-Xshare:auto", "-Xlog:cds=off");
		// -Xshare:on fails unless the JVM maps the archive with this class path.
		Process java = new ProcessBuilder(command.get(3), "-Xshare:on", "-XX:SharedArchiveFile=" + archive,
				"-Xlog:class+load=info", "-cp", classPath, "-version")
			.redirectErrorStream(true)
			.start();
		String output = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(java.waitFor()).as(output).isZero();
		assertThat(output).contains("java.lang.Object source: shared objects file");
	}

	@Test
	void javaRuntimesArePrestartedAsJvmsRunningTheLauncherMappedFromTheArchive() throws Exception {
		RuntimeCatalog catalog = catalog(this.work);

		assertThat(catalog.prestartFamily("java21")).contains(RuntimeCatalog.JAVA);
		assertThat(catalog.prestartFamily("java25")).contains(RuntimeCatalog.JAVA);
		assertThat(catalog.prestartEnvironment(RuntimeCatalog.JAVA))
			.containsExactly(entry("_LAMBDA_TELEMETRY_LOG_FD", "3"));
		assertThat(catalog.prestartsInOwnTaskRoot(RuntimeCatalog.JAVA)).isTrue();
		assertThat(catalog.prestartsInOwnTaskRoot(RuntimeCatalog.PYTHON)).isFalse();
		// A pre-started JVM waits for the class-data archive, which asking starts.
		await().atMost(Duration.ofMinutes(2)).until(() -> catalog.canPrestart(RuntimeCatalog.JAVA));

		List<String> command = catalog.prestartCommand(RuntimeCatalog.JAVA, 256);

		List<String> fresh = catalog.bootstrapCommand("java21", "example.Handler", 256, this.work.resolve("code"));
		assertThat(command.subList(0, command.indexOf("-cp"))).containsAll(fresh.subList(0, fresh.indexOf("-cp")))
			.contains("--add-opens=java.base/java.util=ALL-UNNAMED")
			.anySatisfy((argument) -> assertThat(argument).startsWith("-XX:SharedArchiveFile="));
		String classPath = command.get(command.indexOf("-cp") + 1);
		assertThat(classPath).as("the same class path, which the archive was dumped with")
			.isEqualTo(fresh.get(fresh.indexOf("-cp") + 1))
			.endsWith("/aloft-java-prestart.jar");
		assertThat(command).last().isEqualTo(JavaPrestartLauncher.class.getName());
		// Run without a Runtime API, it gives up with the Runtime API's exit code, after
		// loading itself from the archive.
		List<String> run = new ArrayList<>(command);
		run.add(run.indexOf("-cp"), "-Xlog:class+load=info");
		ProcessBuilder builder = new ProcessBuilder(run).redirectErrorStream(true);
		builder.environment().clear();
		builder.environment().put("TMPDIR", this.work.toString());
		Process launcher = builder.start();
		String output = new String(launcher.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(launcher.waitFor()).as(output).isEqualTo(2);
		assertThat(output).contains(JavaPrestartLauncher.class.getName() + " source: shared objects file")
			.contains("AWS_LAMBDA_RUNTIME_API is not set");
	}

	@Test
	void aJavaHomeThatIsTooOldFailsStartUp() {
		assertThatIllegalStateException()
			.isThrownBy(() -> new RuntimeCatalog(properties("python3", "node", this.work),
					new InvokerProperties("invoker-1", this.work, "us-east-1")))
			.withMessageContaining("aloft.invoker.runtimes.java25.java-home");
	}

	/**
	 * Waits for the archive the first Java command starts dumping into the work
	 * directory, which must not be deleted under it.
	 */
	private static void awaitClassDataArchive(RuntimeCatalog catalog, Path code) {
		await().atMost(Duration.ofMinutes(2))
			.until(() -> catalog.bootstrapCommand("java21", "example.Handler", 256, code)
				.stream()
				.anyMatch((argument) -> argument.startsWith("-XX:SharedArchiveFile=")));
	}

	private static RuntimeProperties properties(String python, String node, @Nullable Path java25Home) {
		return new RuntimeProperties(python, node, new RuntimeProperties.Jdk(null),
				new RuntimeProperties.Jdk(java25Home));
	}

	private static RuntimeCatalog catalog(Path work) throws IOException {
		return new RuntimeCatalog(properties("python3", "node", null),
				new InvokerProperties("invoker-1", work, "us-east-1"));
	}

}
