package dev.aloft.invoker.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code java21} and {@code java25} runtimes: AWS's own Java runtime interface client
 * (RIC) on a local JDK, started as Lambda's Java base images start it. The RIC's jars
 * ship inside the invoker jar ({@code runtimes/java/lib}, copied there by the build) and
 * are copied to the work directory at start, together with the RIC's native library,
 * which the RIC would otherwise unpack to a fixed {@code /tmp} path that concurrent
 * sandboxes would share.
 */
final class JavaRuntimes {

	private static final Logger logger = LoggerFactory.getLogger(JavaRuntimes.class);

	private static final String LIB = "runtimes/java/lib/";

	/** The RIC and what it needs on the system class path. */
	private static final List<String> JARS = List.of("aws-lambda-java-runtime-interface-client.jar",
			"aws-lambda-java-core.jar", "aws-lambda-java-serialization.jar", "utils-lite.jar");

	private static final String MAIN_CLASS = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

	private static final String JNI_PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";

	/** Share of the memory size given to the heap, as Lambda's Java images do. */
	private static final int HEAP_PERCENT = 85;

	/**
	 * Lambda's variable naming the descriptor the RIC writes its framed log messages to,
	 * and the descriptor: the first past stderr.
	 */
	private static final Map<String, String> TELEMETRY_LOG = Map.of("_LAMBDA_TELEMETRY_LOG_FD", "3");

	private final Map<String, Path> javaExecutables = new LinkedHashMap<>();

	/**
	 * One archive per JDK (java21 and java25 often share one), dumped when the JDK's
	 * first environment starts: an invoker that runs no Java pays nothing.
	 */
	private final Map<Path, ClassDataArchive> archives = new ConcurrentHashMap<>();

	private final Path archiveDirectory;

	private final String classPath;

	private final Path nativeLibrary;

	JavaRuntimes(RuntimeProperties properties, Path workDirectory) throws IOException {
		List<String> jars = new ArrayList<>();
		for (String jar : JARS) {
			jars.add(RuntimeCatalog.extract(LIB + jar, workDirectory).toString());
		}
		this.classPath = String.join(":", jars);
		this.nativeLibrary = extractNativeLibrary(Path.of(jars.get(0)), workDirectory.resolve("runtimes/java/jni"));
		this.archiveDirectory = workDirectory.resolve("runtimes/java/cds");
		register("java21", 21, properties.java21());
		register("java25", 25, properties.java25());
	}

	private void register(String runtime, int feature, RuntimeProperties.Jdk jdk) {
		Path configured = jdk.javaHome();
		Path home = (configured != null) ? configured.toAbsolutePath() : Path.of(System.getProperty("java.home"));
		int version = featureVersion(home);
		Path java = home.resolve("bin/java");
		if (version >= feature && Files.isExecutable(java)) {
			this.javaExecutables.put(runtime, java);
			return;
		}
		if (configured != null) {
			throw new IllegalStateException("aloft.invoker.runtimes." + runtime + ".java-home (" + configured
					+ ") is not a JDK " + feature + " or newer");
		}
		logger.info("Runtime {} is unavailable: set aloft.invoker.runtimes.{}.java-home to a JDK {} or newer", runtime,
				runtime, feature);
	}

	/**
	 * The JDK's feature version, from its {@code release} file (JAVA_VERSION="25.0.1"),
	 * which is cheaper than running it; 0 when unknown.
	 */
	static int featureVersion(Path javaHome) {
		try {
			for (String line : Files.readAllLines(javaHome.resolve("release"), StandardCharsets.UTF_8)) {
				if (line.startsWith("JAVA_VERSION=")) {
					String version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
					String[] parts = version.split("[.+-]");
					int first = Integer.parseInt(parts[0]);
					return (first == 1 && parts.length > 1) ? Integer.parseInt(parts[1]) : first;
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// Not a JDK home.
		}
		return 0;
	}

	boolean serves(String runtime) {
		return runtime.equals("java21") || runtime.equals("java25");
	}

	/**
	 * What the RIC's environment adds to Lambda's usual variables:
	 * {@code _LAMBDA_TELEMETRY_LOG_FD}, as on Lambda. With it the RIC writes each
	 * {@code LambdaLogger} message as one frame to that descriptor; without it, raw to
	 * stdout, where messages without a newline run together into one line.
	 */
	Map<String, String> environment() {
		return TELEMETRY_LOG;
	}

	/**
	 * The command line: the JVM with Lambda's flags, a heap sized from the memory size
	 * (the process backend may not cap address space for a JVM), the runtime's jars on
	 * the class path, and the handler as the RIC's only argument. As on Lambda, the RIC
	 * loads the function's classes (the task root, then its {@code lib/*.jar}) with a
	 * class loader of its own, from its working directory: the task root.
	 */
	List<String> command(String runtime, String handler, int memoryMb) {
		Path java = this.javaExecutables.get(runtime);
		if (java == null) {
			throw new UnsupportedRuntimeException("Runtime " + runtime + " is not available on this invoker");
		}
		// Through a shell that hands the JVM the sandbox's private TMPDIR: Java ignores
		// TMPDIR and would use the /tmp every sandbox shares. The shell's own PWD stays
		// out of the JVM's environment, as out of every runtime's.
		List<String> command = new ArrayList<>(
				List.of("/bin/sh", "-c", "unset PWD; exec \"$0\" -Djava.io.tmpdir=\"$TMPDIR\" \"$@\"", java.toString(),
						"-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData",
						"-XX:MaxHeapSize=" + Math.max(16, memoryMb * HEAP_PERCENT / 100) + "m"));
		// The archive holds the client's classes for this class path; a JVM that cannot
		// use it starts without it, silently (-Xshare:auto).
		classDataArchive(runtime).ifPresent((archive) -> command.addAll(
				List.of("-Xshare:auto", "-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off")));
		// Lambda's own flag, without which the RIC cannot turn _LAMBDA_TELEMETRY_LOG_FD
		// into a FileDescriptor (a private constructor) and falls back to stdout.
		command.addAll(List.of("--add-opens=java.base/java.io=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED",
				"-D" + JNI_PROPERTY + "=" + this.nativeLibrary, "-cp", this.classPath, MAIN_CLASS, handler));
		return List.copyOf(command);
	}

	/**
	 * The class-data sharing archive a runtime's environments start with, once it is
	 * ready.
	 * @param runtime {@code java21} or {@code java25}
	 * @return the archive, or empty while there is none
	 */
	Optional<Path> classDataArchive(String runtime) {
		Path java = this.javaExecutables.get(runtime);
		if (java == null) {
			return Optional.empty();
		}
		return this.archives
			.computeIfAbsent(java, (executable) -> ClassDataArchive.dumpInBackground(executable, this.classPath,
					this.archiveDirectory, "java-" + Integer.toHexString(executable.toString().hashCode())))
			.ready();
	}

	/**
	 * Copies the RIC's native library for this platform out of its jar.
	 */
	private static Path extractNativeLibrary(Path ricJar, Path directory) throws IOException {
		String name = "libaws-lambda-jni." + platform() + ".so";
		Files.createDirectories(directory);
		Path target = directory.resolve(name);
		try (ZipFile jar = new ZipFile(ricJar.toFile())) {
			ZipEntry entry = Optional.ofNullable(jar.getEntry("jni/" + name))
				.orElseThrow(() -> new IllegalStateException("The Java runtime client has no " + name));
			try (InputStream in = jar.getInputStream(entry)) {
				Path staging = Files.createTempFile(directory, ".jni", ".tmp");
				Files.copy(in, staging, StandardCopyOption.REPLACE_EXISTING);
				Files.move(staging, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			}
		}
		return target;
	}

	private static String platform() {
		String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
		String cpu = (arch.equals("aarch64") || arch.equals("arm64")) ? "aarch_64" : "x86_64";
		return (musl() ? "linux_musl-" : "linux-") + cpu;
	}

	private static boolean musl() {
		try (var files = Files.list(Path.of("/lib"))) {
			return files.anyMatch((file) -> file.getFileName().toString().startsWith("ld-musl-"));
		}
		catch (IOException ex) {
			return false;
		}
	}

}
