package dev.aloft.invoker.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A class-data sharing (AppCDS) archive of one JDK's startup classes and every class of
 * the Java runtime interface client, so a Java cold start maps those classes instead of
 * loading, parsing and verifying them (about a third of the time to the first answer on
 * this project's 2-core machine).
 * <p>
 * It is dumped once, in the background at start, from the JDK's own class list
 * ({@code lib/classlist}) and the classes in the client's jars: no training run is
 * needed. Until it is ready, or when it cannot be made, environments start without it.
 * The archive is only valid with the class path it was dumped with as the start of the
 * environment's class path, which is how {@link JavaRuntimes} builds it.
 */
final class ClassDataArchive {

	private static final Logger logger = LoggerFactory.getLogger(ClassDataArchive.class);

	/** Far more than a dump takes (about 3 s), even on a busy machine. */
	private static final long DUMP_TIMEOUT_SECONDS = 120;

	private final Path archive;

	private volatile boolean ready;

	/** Whether the dump is over, whether or not it made the archive. */
	private volatile boolean settled;

	private ClassDataArchive(Path archive) {
		this.archive = archive;
	}

	/**
	 * Starts dumping the archive for a JDK in the background.
	 * @param java the JDK's {@code java} executable
	 * @param classPath the class path every environment starts with (the client's jars)
	 * @param directory where to keep the archive
	 * @param name the archive's file name, without extension
	 * @return the archive, ready once {@link #ready()} says so
	 */
	static ClassDataArchive dumpInBackground(Path java, String classPath, Path directory, String name) {
		ClassDataArchive archive = new ClassDataArchive(directory.resolve(name + ".jsa"));
		Thread.ofVirtual().name("class-data-archive-" + name).start(() -> archive.dump(java, classPath));
		return archive;
	}

	/**
	 * The archive, once it has been dumped.
	 * @return its path, or empty while it is not (yet) usable
	 */
	Optional<Path> ready() {
		return this.ready ? Optional.of(this.archive) : Optional.empty();
	}

	/**
	 * Whether the dump is over: the archive is ready, or there will be none.
	 * @return true once nothing more will change
	 */
	boolean settled() {
		return this.settled;
	}

	private void dump(Path java, String classPath) {
		try {
			dumpNow(java, classPath);
		}
		finally {
			this.settled = true;
		}
	}

	private void dumpNow(Path java, String classPath) {
		try {
			Path classList = java.getParent().getParent().resolve("lib/classlist");
			if (!Files.isRegularFile(classList)) {
				logger.info("No class-data sharing archive for {}: the JDK has no lib/classlist", java);
				return;
			}
			Files.createDirectories(this.archive.getParent());
			Path list = this.archive.resolveSibling(this.archive.getFileName() + ".classlist");
			Files.write(list, classNames(classList, classPath), StandardCharsets.UTF_8);
			Path staging = this.archive.resolveSibling(this.archive.getFileName() + ".tmp");
			Path log = this.archive.resolveSibling(this.archive.getFileName() + ".log");
			Process process = new ProcessBuilder(java.toString(), "-Xshare:dump", "-XX:SharedClassListFile=" + list,
					"-XX:SharedArchiveFile=" + staging, "-cp", classPath)
				.redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			if (!process.waitFor(DUMP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				logger.warn("Dumping the class-data sharing archive for {} took too long; see {}", java, log);
				return;
			}
			if (process.exitValue() != 0 || !Files.isRegularFile(staging)) {
				logger.warn("Could not dump the class-data sharing archive for {} (exit {}); see {}", java,
						process.exitValue(), log);
				return;
			}
			Files.move(staging, this.archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			this.ready = true;
			logger.info("Java cold starts use the class-data sharing archive {}", this.archive);
		}
		catch (IOException ex) {
			logger.warn("Could not dump the class-data sharing archive for {}: {}", java, ex.toString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * The JDK's startup classes and every class in the jars, in the class list format
	 * ({@code java/lang/Object}).
	 */
	static List<String> classNames(Path jdkClassList, String classPath) throws IOException {
		List<String> names = new ArrayList<>();
		for (String line : Files.readAllLines(jdkClassList, StandardCharsets.UTF_8)) {
			// Comments and the @-directives (lambda forms and the like) are the JDK's
			// own business; plain class names are what the dump needs.
			if (!line.isBlank() && !line.startsWith("#") && !line.startsWith("@")) {
				names.add(line.strip());
			}
		}
		for (String jar : classPath.split(":")) {
			try (ZipFile zip = new ZipFile(jar)) {
				for (ZipEntry entry : zip.stream().toList()) {
					String entryName = entry.getName();
					if (entryName.endsWith(".class") && !entryName.startsWith("META-INF/")
							&& !entryName.endsWith("module-info.class")) {
						names.add(entryName.substring(0, entryName.length() - ".class".length()));
					}
				}
			}
		}
		return names;
	}

}
