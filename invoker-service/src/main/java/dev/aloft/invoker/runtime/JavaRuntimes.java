package dev.aloft.invoker.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
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
 * sandboxes would share, and with the launcher of pre-started JVMs
 * ({@link JavaPrestartLauncher}), written out as a jar of its own.
 */
final class JavaRuntimes {

	private static final Logger logger = LoggerFactory.getLogger(JavaRuntimes.class);

	private static final String LIB = "runtimes/java/lib/";

	/** The RIC and what it needs on the system class path. */
	private static final List<String> JARS = List.of("aws-lambda-java-runtime-interface-client.jar",
			"aws-lambda-java-core.jar", "aws-lambda-java-serialization.jar", "utils-lite.jar");

	/** The pre-start launcher's jar, on every Java class path right after the RIC's. */
	private static final String LAUNCHER_JAR = "aloft-java-prestart.jar";

	private static final String MAIN_CLASS = JavaPrestartLauncher.RUNTIME_CLIENT;

	private static final String JNI_PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";

	/** Share of the memory size given to the heap, as Lambda's Java images do. */
	private static final int HEAP_PERCENT = 85;

	/**
	 * Lambda's variable naming the descriptor the RIC writes its framed log messages to,
	 * and the descriptor: the first past stderr.
	 */
	private static final Map<String, String> TELEMETRY_LOG = Map.of("_LAMBDA_TELEMETRY_LOG_FD", "3");

	/**
	 * The oldest JDK a JVM can be pre-started on: the launcher replaces the process's
	 * environment through the foreign function API, final from 22 on.
	 */
	private static final int PRESTART_FEATURE = 22;

	private final Map<String, Path> javaExecutables = new LinkedHashMap<>();

	/** The JDKs new enough to pre-start JVMs on, by {@code java} executable. */
	private final List<Path> prestartableExecutables = new ArrayList<>();

	/**
	 * One archive per JDK (java21 and java25 often share one), dumped on the JDK's first
	 * use: its first environment, or the first JVM the pool wants pre-started. An invoker
	 * that neither runs nor pre-starts Java pays nothing.
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
		// Part of the archive's class path too, so pre-started JVMs map the launcher.
		jars.add(writeLauncherJar(workDirectory.resolve(LIB)).toString());
		this.classPath = String.join(":", jars);
		this.nativeLibrary = extractNativeLibrary(Path.of(jars.get(0)), workDirectory.resolve("runtimes/java/jni"));
		this.archiveDirectory = workDirectory.resolve("runtimes/java/cds");
		register("java21", 21, properties.java21());
		register("java25", 25, properties.java25());
		if (!this.javaExecutables.isEmpty() && this.prestartableExecutables.isEmpty()) {
			logger.info("Java runtimes are not pre-started: a pre-started JVM needs a JDK {} or newer",
					PRESTART_FEATURE);
		}
	}

	private void register(String runtime, int feature, RuntimeProperties.Jdk jdk) {
		Path configured = jdk.javaHome();
		Path home = (configured != null) ? configured.toAbsolutePath() : Path.of(System.getProperty("java.home"));
		int version = featureVersion(home);
		Path java = home.resolve("bin/java");
		if (version >= feature && Files.isExecutable(java)) {
			this.javaExecutables.put(runtime, java);
			if (version >= PRESTART_FEATURE) {
				this.prestartableExecutables.add(java);
			}
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
	 * class loader of its own from its working directory, the task root, so a pre-started
	 * JVM, which starts before its function is known, loads them the same way.
	 */
	List<String> command(String runtime, String handler, int memoryMb) {
		Path java = this.javaExecutables.get(runtime);
		if (java == null) {
			throw new UnsupportedRuntimeException("Runtime " + runtime + " is not available on this invoker");
		}
		List<String> command = jvm(java, memoryMb);
		command.addAll(List.of("-cp", this.classPath, MAIN_CLASS, handler));
		return List.copyOf(command);
	}

	/**
	 * The JDK of pre-started JVMs: {@code java21}'s, or {@code java25}'s when
	 * {@code java21} is unavailable or on a JDK older than 22. Both use the invoker's own
	 * JDK unless configured otherwise, and a pre-started JVM takes functions of every
	 * runtime on its JDK.
	 */
	private Optional<Path> prestartExecutable() {
		return this.javaExecutables.values().stream().filter(this.prestartableExecutables::contains).findFirst();
	}

	/**
	 * Whether pre-started JVMs can take a runtime's functions: they run its JDK.
	 * @param runtime a runtime identifier
	 * @return whether it is a Java runtime on the pre-started JVMs' JDK
	 */
	boolean prestarts(String runtime) {
		Path java = this.javaExecutables.get(runtime);
		return java != null && prestartExecutable().filter(java::equals).isPresent();
	}

	/**
	 * Whether a JVM can be pre-started now: there is a JDK for it, and its class-data
	 * archive is either ready or known to be impossible. It waits for the archive, which
	 * this starts dumping, because a JVM started without it would load the client's
	 * classes more slowly for as long as it lives.
	 * @return whether {@link #prestartCommand} may be used now
	 */
	boolean canPrestart() {
		return prestartExecutable().map((java) -> archive(java).settled()).orElse(false);
	}

	/**
	 * The command of a pre-started JVM: the same JVM as {@link #command} starts, running
	 * {@link JavaPrestartLauncher}, with only the runtime's jars on the class path (the
	 * RIC loads the function's classes from its working directory, the task root, as on
	 * Lambda). The launcher needs {@code java.util} opened to replace the environment.
	 * @param memoryMb the memory size of the functions it may take
	 * @return the command line
	 * @throws UnsupportedRuntimeException when this invoker has no Java runtime
	 */
	List<String> prestartCommand(int memoryMb) {
		Path java = prestartExecutable()
			.orElseThrow(() -> new UnsupportedRuntimeException("No Java runtime is available on this invoker"));
		List<String> command = jvm(java, memoryMb);
		command.addAll(List.of("--add-opens=java.base/java.util=ALL-UNNAMED", "-cp", this.classPath,
				JavaPrestartLauncher.class.getName()));
		return List.copyOf(command);
	}

	/**
	 * The JVM and its flags, up to the class path.
	 */
	private List<String> jvm(Path java, int memoryMb) {
		// Through a shell that hands the JVM the sandbox's private TMPDIR: Java ignores
		// TMPDIR and would use the /tmp every sandbox shares. The shell's own PWD stays
		// out of the JVM's environment, as out of every runtime's.
		List<String> command = new ArrayList<>(
				List.of("/bin/sh", "-c", "unset PWD; exec \"$0\" -Djava.io.tmpdir=\"$TMPDIR\" \"$@\"", java.toString(),
						"-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData",
						"-XX:MaxHeapSize=" + Math.max(16, memoryMb * HEAP_PERCENT / 100) + "m"));
		// The archive holds the client's classes for this class path; a JVM that cannot
		// use it starts without it, silently (-Xshare:auto).
		archive(java).ready()
			.ifPresent((file) -> command.addAll(List.of("-Xshare:auto", "-XX:SharedArchiveFile=" + file,
					"-Xlog:cds=off", "-Xlog:cds+dynamic=off")));
		// Lambda's own flag, without which the RIC cannot turn _LAMBDA_TELEMETRY_LOG_FD
		// into a FileDescriptor (a private constructor) and falls back to stdout.
		command.addAll(List.of("--add-opens=java.base/java.io=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED",
				"-D" + JNI_PROPERTY + "=" + this.nativeLibrary));
		return command;
	}

	/**
	 * The class-data sharing archive of a JDK, dumped in the background from its first
	 * use on.
	 */
	private ClassDataArchive archive(Path java) {
		return this.archives.computeIfAbsent(java,
				(executable) -> ClassDataArchive.dumpInBackground(executable, this.classPath, this.archiveDirectory,
						"java-" + Integer.toHexString(executable.toString().hashCode())));
	}

	/**
	 * Writes the pre-start launcher, which is compiled with the invoker, into a jar of
	 * its own: a pre-started JVM runs it with nothing of the invoker on its class path.
	 * It uses the JDK only, so its class files (the class and its nested ones) are all it
	 * needs.
	 */
	static Path writeLauncherJar(Path directory) throws IOException {
		Files.createDirectories(directory);
		Path staging = Files.createTempFile(directory, ".launcher", ".tmp");
		try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(staging))) {
			for (Class<?> type : JavaPrestartLauncher.class.getNestMembers()) {
				String entry = type.getName().replace('.', '/') + ".class";
				try (InputStream in = JavaRuntimes.class.getClassLoader().getResourceAsStream(entry)) {
					if (in == null) {
						throw new IllegalStateException("The invoker jar lacks " + entry);
					}
					jar.putNextEntry(new JarEntry(entry));
					in.transferTo(jar);
					jar.closeEntry();
				}
			}
		}
		// Readable by the unprivileged user sandboxes may run as.
		Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rw-r--r--"));
		Path target = directory.resolve(LAUNCHER_JAR);
		Files.move(staging, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		return target;
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
