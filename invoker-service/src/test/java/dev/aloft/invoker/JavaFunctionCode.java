package dev.aloft.invoker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Java function code for tests: handlers compiled here against
 * {@code aws-lambda-java-core} (the jar the build ships with the runtime client) and
 * packaged as Lambda packages Java: classes at the zip root, libraries as jars under
 * {@code lib/}.
 */
public final class JavaFunctionCode {

	private JavaFunctionCode() {
	}

	/**
	 * Compiles and zips a function.
	 * @param sources the handler's sources, by path ({@code example/Greeter.java})
	 * @param librarySources sources compiled first into {@code lib/library.jar}, which
	 * the handler's sources may use; none for no library
	 * @param files further files at the zip root, by path
	 * @return the zip
	 */
	public static byte[] zip(Map<String, String> sources, Map<String, String> librarySources,
			Map<String, String> files) {
		Path temp = null;
		try {
			temp = Files.createTempDirectory("aloft-java-code");
			Path core = runtimeJar("aws-lambda-java-core.jar");
			List<Path> classPath = new ArrayList<>(List.of(core));
			Path libraryClasses = null;
			if (!librarySources.isEmpty()) {
				libraryClasses = compile(temp.resolve("library-classes"), classPath, librarySources);
				classPath.add(libraryClasses);
			}
			Path classes = compile(temp.resolve("classes"), classPath, sources);
			ByteArrayOutputStream zip = new ByteArrayOutputStream();
			try (ZipOutputStream out = new ZipOutputStream(zip)) {
				addTree(out, classes);
				for (Map.Entry<String, String> file : files.entrySet()) {
					out.putNextEntry(new ZipEntry(file.getKey()));
					out.write(file.getValue().getBytes(StandardCharsets.UTF_8));
					out.closeEntry();
				}
				if (libraryClasses != null) {
					out.putNextEntry(new ZipEntry("lib/library.jar"));
					out.write(jar(libraryClasses));
					out.closeEntry();
				}
			}
			return zip.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			deleteQuietly(temp);
		}
	}

	/**
	 * A jar of the Java runtime client's set, as the build puts it on the test class
	 * path.
	 */
	private static Path runtimeJar(String name) {
		URL url = Objects
			.requireNonNull(JavaFunctionCode.class.getClassLoader().getResource("runtimes/java/lib/" + name), name);
		try {
			return Path.of(url.toURI());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Path compile(Path output, List<Path> classPath, Map<String, String> sources) throws IOException {
		Path sourceRoot = Files.createDirectories(output.resolveSibling(output.getFileName() + "-src"));
		Files.createDirectories(output);
		List<String> arguments = new ArrayList<>(List.of("--release", "21", "-d", output.toString(), "-classpath",
				String.join(":", classPath.stream().map(Path::toString).toList())));
		for (Map.Entry<String, String> source : sources.entrySet()) {
			Path file = sourceRoot.resolve(source.getKey());
			Files.createDirectories(file.getParent());
			Files.writeString(file, source.getValue());
			arguments.add(file.toString());
		}
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		ByteArrayOutputStream errors = new ByteArrayOutputStream();
		int status = compiler.run(null, null, errors, arguments.toArray(String[]::new));
		if (status != 0) {
			throw new IllegalStateException("javac failed: " + errors.toString(StandardCharsets.UTF_8));
		}
		return output;
	}

	private static byte[] jar(Path classes) throws IOException {
		ByteArrayOutputStream jar = new ByteArrayOutputStream();
		try (ZipOutputStream out = new ZipOutputStream(jar)) {
			addTree(out, classes);
		}
		return jar.toByteArray();
	}

	private static void addTree(ZipOutputStream out, Path root) throws IOException {
		try (Stream<Path> files = Files.walk(root)) {
			for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
				out.putNextEntry(new ZipEntry(root.relativize(file).toString().replace('\\', '/')));
				out.write(Files.readAllBytes(file));
				out.closeEntry();
			}
		}
	}

	private static void deleteQuietly(Path directory) {
		if (directory == null) {
			return;
		}
		try (Stream<Path> walk = Files.walk(directory)) {
			walk.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException | UncheckedIOException ex) {
			// A leftover temporary directory harms nothing.
		}
	}

}
