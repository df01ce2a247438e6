package dev.aloft.invoker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Function code zips for tests. They are written through the JDK's zip file system with
 * POSIX attributes on, the same view the invoker reads them with, so an executable
 * {@code bootstrap} keeps its mode: {@code ZipOutputStream} cannot record one.
 */
public final class FunctionCode {

	private FunctionCode() {
	}

	/**
	 * A zip of text files.
	 * @param files entry names and contents
	 * @param executables the entries to mark {@code rwxr-xr-x}; the rest are
	 * {@code rw-r--r--}
	 * @return the zip
	 */
	public static byte[] zip(Map<String, String> files, Set<String> executables) {
		try {
			Path directory = Files.createTempDirectory("aloft-code");
			Path zip = directory.resolve("code.zip");
			try (FileSystem archive = FileSystems.newFileSystem(zip,
					Map.of("create", "true", "enablePosixFileAttributes", "true"))) {
				for (Map.Entry<String, String> file : files.entrySet()) {
					Path entry = archive.getPath(file.getKey());
					if (entry.getParent() != null) {
						Files.createDirectories(entry.getParent());
					}
					Files.writeString(entry, file.getValue(), StandardCharsets.UTF_8);
					Files.setPosixFilePermissions(entry, PosixFilePermissions
						.fromString(executables.contains(file.getKey()) ? "rwxr-xr-x" : "rw-r--r--"));
				}
			}
			byte[] bytes = Files.readAllBytes(zip);
			Files.delete(zip);
			Files.delete(directory);
			return bytes;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A Python function: one module.
	 * @param module the module's name, without {@code .py}
	 * @param source its source
	 * @return the zip
	 */
	public static byte[] python(String module, String source) {
		return zip(Map.of(module + ".py", source), Set.of());
	}

	/**
	 * A function for the {@code provided} runtime.
	 * @param bootstrap the executable {@code bootstrap}
	 * @param otherFiles further files, not executable
	 * @return the zip
	 */
	public static byte[] provided(String bootstrap, Map<String, String> otherFiles) {
		Map<String, String> files = new LinkedHashMap<>(otherFiles);
		files.put("bootstrap", bootstrap);
		return zip(files, Set.of("bootstrap"));
	}

}
