package dev.aloft.controlplane.function;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

import dev.aloft.problems.PlatformException;
import dev.aloft.controlplane.system.ProblemType;

/**
 * A checked code archive: a zip that is well-formed, stays inside its directory when
 * unpacked, and expands to a bounded size. Sizes are counted from the bytes actually
 * inflated, not from the headers an attacker writes.
 */
final class CodeArchive {

	private final Set<String> entryNames;

	private final long unzippedBytes;

	private CodeArchive(Set<String> entryNames, long unzippedBytes) {
		this.entryNames = entryNames;
		this.unzippedBytes = unzippedBytes;
	}

	static CodeArchive inspect(byte[] zip, CodeProperties limits) {
		if (zip.length > limits.maxZipSize().toBytes()) {
			throw new PlatformException(ProblemType.CODE_TOO_LARGE,
					"The zip is " + zip.length + " bytes; the limit is " + limits.maxZipSize().toBytes() + " bytes");
		}
		Listing local;
		Listing central;
		try {
			local = localListing(zip, limits);
			central = centralListing(zip, limits);
		}
		catch (IOException | IllegalArgumentException ex) {
			throw invalid("The zip is corrupt: " + ex.getMessage());
		}
		if (central.names().isEmpty()) {
			throw invalid("The code is not a zip archive, or the archive is empty");
		}
		// Unpackers read the central directory; scanners often read local headers. An
		// archive
		// whose two listings differ hides entries from one of them, so it is refused.
		if (!local.names().equals(central.names())) {
			throw invalid("The zip's central directory and its entries disagree");
		}
		return new CodeArchive(central.names(), central.unzippedBytes());
	}

	/**
	 * The entries as their local headers list them, reading the archive front to back.
	 */
	private static Listing localListing(byte[] zip, CodeProperties limits) throws IOException {
		Listing listing = new Listing(limits);
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
			ZipEntry entry;
			while ((entry = in.getNextEntry()) != null) {
				listing.add(entry.getName(), in);
			}
		}
		return listing;
	}

	/**
	 * The entries as the central directory lists them, which is what unpacking uses.
	 */
	private static Listing centralListing(byte[] zip, CodeProperties limits) throws IOException {
		Path file = Files.createTempFile("aloft-code", ".zip");
		try {
			Files.write(file, zip);
			Listing listing = new Listing(limits);
			try (ZipFile archive = new ZipFile(file.toFile())) {
				Enumeration<? extends ZipEntry> entries = archive.entries();
				while (entries.hasMoreElements()) {
					ZipEntry entry = entries.nextElement();
					try (InputStream in = archive.getInputStream(entry)) {
						listing.add(entry.getName(), in);
					}
				}
			}
			catch (ZipException ex) {
				if (!startsLikeZip(zip)) {
					return new Listing(limits);
				}
				throw ex;
			}
			return listing;
		}
		finally {
			Files.deleteIfExists(file);
		}
	}

	private static boolean startsLikeZip(byte[] zip) {
		return zip.length >= 4 && zip[0] == 'P' && zip[1] == 'K';
	}

	/**
	 * Entry names and inflated bytes, checked against the limits as they grow: every
	 * entry counts, a name may appear once, and sizes are what inflating produced.
	 */
	private static final class Listing {

		private final CodeProperties limits;

		private final Set<String> names = new HashSet<>();

		private long unzippedBytes;

		private final byte[] buffer = new byte[64 * 1024];

		Listing(CodeProperties limits) {
			this.limits = limits;
		}

		void add(String rawName, InputStream content) throws IOException {
			String name = checkedName(rawName);
			if (this.names.size() >= this.limits.maxEntries()) {
				throw invalid("The zip has more than " + this.limits.maxEntries() + " entries");
			}
			if (!this.names.add(name)) {
				throw invalid("The zip has the entry '" + rawName + "' more than once");
			}
			int read;
			while ((read = content.read(this.buffer)) != -1) {
				this.unzippedBytes += read;
				if (this.unzippedBytes > this.limits.maxUnzippedSize().toBytes()) {
					throw new PlatformException(ProblemType.CODE_TOO_LARGE,
							"The zip expands to more than " + this.limits.maxUnzippedSize().toBytes() + " bytes");
				}
			}
		}

		Set<String> names() {
			return this.names;
		}

		long unzippedBytes() {
			return this.unzippedBytes;
		}

	}

	/**
	 * Rejects names that would land outside the task root when unpacked (zip slip).
	 */
	private static String checkedName(String rawName) {
		String name = rawName.replace('\\', '/');
		if (name.startsWith("/") || name.contains("\0") || name.matches("^[A-Za-z]:.*")) {
			throw invalid("The zip entry '" + rawName + "' has an absolute path");
		}
		for (String segment : name.split("/")) {
			if (segment.equals("..")) {
				throw invalid("The zip entry '" + rawName + "' points outside the archive");
			}
		}
		return name;
	}

	boolean contains(String path) {
		return this.entryNames.contains(path);
	}

	boolean containsAny(String... paths) {
		for (String path : paths) {
			if (contains(path)) {
				return true;
			}
		}
		return false;
	}

	boolean hasEntryUnder(String directory) {
		return this.entryNames.stream().anyMatch((name) -> name.startsWith(directory) && !name.equals(directory));
	}

	long unzippedBytes() {
		return this.unzippedBytes;
	}

	/**
	 * Checks that the handler a function names exists in this archive.
	 */
	void requireHandler(FunctionRuntime runtime, String handler) {
		boolean found = switch (runtime.family()) {
			case PYTHON -> {
				String module = moduleOf(handler).replace('.', '/');
				yield containsAny(module + ".py", module + "/__init__.py");
			}
			case NODE -> {
				String module = nodeModuleOf(handler);
				yield containsAny(module + ".js", module + ".mjs", module + ".cjs");
			}
			case PROVIDED -> contains("bootstrap");
			case JAVA -> {
				String className = handler.split("::")[0];
				// A handler class may live in a dependency jar under lib/.
				yield contains(className.replace('.', '/') + ".class") || hasEntryUnder("lib/");
			}
		};
		if (!found) {
			throw invalid("The handler '" + handler + "' is not in the archive"
					+ ((runtime.family() == FunctionRuntime.Family.PROVIDED)
							? ": a provided runtime needs an executable 'bootstrap' at the root" : ""));
		}
	}

	/**
	 * Node's runtime splits a handler at the first dot of its file part:
	 * {@code src/index.nested.handler} is export {@code nested.handler} of
	 * {@code src/index}.
	 */
	private static String nodeModuleOf(String handler) {
		int slash = handler.lastIndexOf('/');
		int dot = handler.indexOf('.', slash + 1);
		if (dot <= slash + 1) {
			throw invalid("The handler '" + handler + "' must look like module.export");
		}
		return handler.substring(0, dot);
	}

	private static String moduleOf(String handler) {
		int dot = handler.lastIndexOf('.');
		if (dot <= 0) {
			throw invalid("The handler '" + handler + "' must look like module.function");
		}
		return handler.substring(0, dot);
	}

	private static PlatformException invalid(String detail) {
		return new PlatformException(ProblemType.INVALID_CODE, detail);
	}

}
