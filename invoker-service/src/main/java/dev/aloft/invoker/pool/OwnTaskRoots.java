package dev.aloft.invoker.pool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

import dev.aloft.invoker.spi.SandboxId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.util.FileSystemUtils;

/**
 * Task roots of their own, for pre-started runtimes that must start in the directory that
 * becomes their task root (a JVM, which resolves relative paths against the directory it
 * started in): one empty directory per environment under {@code <work>/task-roots},
 * filled with the function's code when the environment is given one, and removed when its
 * process ends. The code is hard-linked from the unpacked code (copied where links cannot
 * be made), so filling one takes a link per file, not a copy of the code.
 */
final class OwnTaskRoots {

	private static final Logger logger = LoggerFactory.getLogger(OwnTaskRoots.class);

	private final Path root;

	/**
	 * Removes what a previous run left behind: its processes are gone.
	 * @param workDirectory the invoker's work directory
	 */
	OwnTaskRoots(Path workDirectory) {
		this.root = workDirectory.resolve("task-roots").toAbsolutePath();
		deleteQuietly(this.root);
	}

	/**
	 * Creates an environment's empty task root.
	 * @param id the environment's sandbox
	 * @return the directory
	 * @throws IOException when it cannot be created
	 */
	Path create(SandboxId id) throws IOException {
		return Files.createDirectories(path(id));
	}

	/**
	 * Puts a function's code into an environment's task root.
	 * @param id the environment's sandbox
	 * @param code the function's unpacked code
	 * @return the task root
	 * @throws UncheckedIOException when the code cannot be put there
	 */
	Path fill(SandboxId id, Path code) {
		Path taskRoot = path(id);
		try (Stream<Path> files = Files.walk(code)) {
			for (Path file : (Iterable<Path>) files::iterator) {
				Path target = taskRoot.resolve(code.relativize(file).toString());
				if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
					Files.createDirectories(target);
				}
				else {
					linkOrCopy(file, target);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not put code " + code + " into " + taskRoot, ex);
		}
		return taskRoot;
	}

	private static void linkOrCopy(Path file, Path target) throws IOException {
		try {
			Files.createLink(target, file);
		}
		catch (FileSystemException | UnsupportedOperationException ex) {
			// Another file system, or one without hard links.
			Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
		}
	}

	/**
	 * Removes an environment's task root, once nothing runs in it.
	 * @param id the environment's sandbox
	 */
	void remove(SandboxId id) {
		deleteQuietly(path(id));
	}

	private Path path(SandboxId id) {
		Path path = this.root.resolve(id.value()).normalize();
		if (!path.getParent().equals(this.root)) {
			throw new IllegalArgumentException("Not a sandbox id: " + id.value());
		}
		return path;
	}

	private static void deleteQuietly(Path directory) {
		try {
			FileSystemUtils.deleteRecursively(directory);
		}
		catch (IOException ex) {
			logger.warn("Could not delete {}: {}", directory, ex.toString());
		}
	}

}
