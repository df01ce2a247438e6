package dev.aloft.standalone;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

import dev.aloft.secrets.MasterKey;
import org.jspecify.annotations.Nullable;

/**
 * The standalone platform's master key: the one given, or the one kept in the data
 * directory ({@code master.key}, readable by its owner only), created on the first start.
 * Losing the file loses the secrets sealed with it.
 */
final class KeptMasterKey {

	static final String FILE_NAME = "master.key";

	private KeptMasterKey() {
	}

	static MasterKey load(Path dataDirectory, @Nullable String given) throws IOException {
		if (given != null) {
			return MasterKey.fromBase64(given);
		}
		Path file = dataDirectory.resolve(FILE_NAME);
		if (Files.exists(file)) {
			return MasterKey.fromBase64(Files.readString(file, StandardCharsets.US_ASCII));
		}
		MasterKey created = MasterKey.generate();
		Files.writeString(file, created.toBase64(), StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW);
		try {
			Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
		}
		catch (UnsupportedOperationException ex) {
			// Not a POSIX file system: the directory's own protection applies.
		}
		return created;
	}

}
