package dev.aloft.invoker.code;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

import dev.aloft.contracts.code.CodeApi;
import dev.aloft.invoker.InvokerProperties;
import dev.aloft.invoker.catalog.ControlPlaneProperties;
import dev.aloft.secrets.MasterKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Function code on local disk. Each artifact is downloaded once by its SHA-256, verified
 * against it, and unpacked into {@code <work>/code/<sha256>}; concurrent first uses share
 * one download. A directory under that name is always complete: it is unpacked elsewhere
 * and moved into place.
 */
@Component
public class CodeCache {

	private static final Logger logger = LoggerFactory.getLogger(CodeCache.class);

	private final Path codeRoot;

	private final ControlPlaneProperties controlPlane;

	private final HttpClient httpClient;

	private final String internalToken;

	private final Map<String, CompletableFuture<Path>> inFlight = new ConcurrentHashMap<>();

	CodeCache(InvokerProperties invoker, ControlPlaneProperties controlPlane, MasterKey masterKey,
			HttpClient controlPlaneHttpClient) throws IOException {
		this.codeRoot = Files.createDirectories(invoker.workDirectory().resolve("code"));
		this.controlPlane = controlPlane;
		this.httpClient = controlPlaneHttpClient;
		this.internalToken = masterKey.internalToken();
		removeLeftovers();
	}

	/**
	 * The unpacked code of an artifact, fetching it on first use.
	 * @param sha256 the artifact's hex SHA-256
	 * @return the directory holding the unpacked code
	 * @throws CodeUnavailableException when the code cannot be fetched or unpacked
	 * @throws InterruptedException when interrupted while waiting
	 */
	public Path unpacked(String sha256) throws InterruptedException {
		if (!sha256.matches("[0-9a-f]{64}")) {
			throw new CodeUnavailableException("Not a SHA-256: " + sha256);
		}
		Path directory = this.codeRoot.resolve(sha256);
		if (Files.isDirectory(directory)) {
			return directory;
		}
		CompletableFuture<Path> fetch = this.inFlight.computeIfAbsent(sha256,
				(hash) -> CompletableFuture.supplyAsync(() -> fetch(hash, directory), Thread::startVirtualThread));
		try {
			return fetch.get();
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof CodeUnavailableException unavailable) ? unavailable
					: new CodeUnavailableException("Could not fetch code " + sha256 + ": " + ex.getCause());
		}
		finally {
			this.inFlight.remove(sha256, fetch);
		}
	}

	private Path fetch(String sha256, Path directory) {
		if (Files.isDirectory(directory)) {
			return directory;
		}
		Path zip = this.codeRoot.resolve(".download-" + UUID.randomUUID() + ".zip");
		Path staging = this.codeRoot.resolve(".unpack-" + UUID.randomUUID());
		try {
			download(sha256, zip);
			unzip(zip, staging);
			Files.move(staging, directory, StandardCopyOption.ATOMIC_MOVE);
			logger.info("Unpacked code {} into {}", sha256, directory);
			return directory;
		}
		catch (IOException ex) {
			throw new CodeUnavailableException("Could not fetch code " + sha256 + ": " + ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new CodeUnavailableException("Interrupted while fetching code " + sha256);
		}
		finally {
			deleteQuietly(zip);
			deleteQuietly(staging);
		}
	}

	private void download(String sha256, Path target) throws IOException, InterruptedException {
		URI uri = this.controlPlane.url().resolve(CodeApi.CODE_PATH.replace("{sha256}", sha256));
		HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(this.controlPlane.requestTimeout()).GET();
		request.header("Authorization", "Bearer " + this.internalToken);
		HttpResponse<InputStream> response = this.httpClient.send(request.build(),
				HttpResponse.BodyHandlers.ofInputStream());
		try (InputStream body = response.body()) {
			if (response.statusCode() != 200) {
				throw new CodeUnavailableException(
						"The control plane answered " + response.statusCode() + " for code " + sha256);
			}
			MessageDigest digest = sha256Digest();
			try (DigestInputStream in = new DigestInputStream(body, digest)) {
				Files.copy(in, target);
			}
			String actual = HexFormat.of().formatHex(digest.digest());
			if (!actual.equals(sha256)) {
				throw new CodeUnavailableException("Code " + sha256 + " arrived with SHA-256 " + actual);
			}
		}
	}

	/**
	 * Unpacks a zip, keeping the POSIX permissions it records (a {@code bootstrap} must
	 * stay executable) and refusing entries that would land outside the target.
	 */
	private static void unzip(Path zip, Path target) throws IOException {
		Files.createDirectories(target);
		try (FileSystem archive = FileSystems.newFileSystem(zip, Map.of("enablePosixFileAttributes", "true"))) {
			Path root = archive.getPath("/");
			try (Stream<Path> entries = Files.walk(root)) {
				for (Path entry : (Iterable<Path>) entries::iterator) {
					Path destination = target.resolve(root.relativize(entry).toString()).normalize();
					if (!destination.startsWith(target)) {
						throw new CodeUnavailableException("Zip entry " + entry + " points outside the code directory");
					}
					if (Files.isDirectory(entry)) {
						Files.createDirectories(destination);
						continue;
					}
					Files.createDirectories(destination.getParent());
					Files.copy(entry, destination);
					Files.setPosixFilePermissions(destination, readablePermissions(entry));
				}
			}
		}
	}

	/**
	 * The entry's recorded permissions, made readable by everyone (sandboxes may run as
	 * another user) and never writable by anyone but the owner.
	 */
	private static Set<PosixFilePermission> readablePermissions(Path entry) throws IOException {
		Set<PosixFilePermission> permissions = Set.of();
		PosixFileAttributeView view = Files.getFileAttributeView(entry, PosixFileAttributeView.class);
		if (view != null) {
			permissions = view.readAttributes().permissions();
		}
		boolean executable = permissions.contains(PosixFilePermission.OWNER_EXECUTE);
		return executable ? Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
				PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_EXECUTE,
				PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_EXECUTE)
				: Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
						PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
	}

	private void removeLeftovers() throws IOException {
		try (Stream<Path> entries = Files.list(this.codeRoot)) {
			entries.filter((path) -> path.getFileName().toString().startsWith(".")).forEach(CodeCache::deleteQuietly);
		}
	}

	private static MessageDigest sha256Digest() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform has SHA-256", ex);
		}
	}

	private static void deleteQuietly(Path path) {
		if (!Files.exists(path)) {
			return;
		}
		try (Stream<Path> walk = Files.walk(path)) {
			walk.sorted(Comparator.reverseOrder()).forEach((p) -> {
				try {
					Files.deleteIfExists(p);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}
		catch (IOException | UncheckedIOException ex) {
			logger.warn("Could not delete {}: {}", path, ex.toString());
		}
	}

}
