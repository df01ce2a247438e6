package dev.aloft.controlplane.function;

import org.jspecify.annotations.Nullable;

/**
 * Where code artifacts' bytes are kept, chosen by {@code aloft.control-plane.code.store}.
 * Content is addressed by its SHA-256, so it never changes once stored.
 */
interface CodeContentStore {

	/**
	 * Stores a zip under its hash unless it is already there.
	 * @param sha256 the zip's hex SHA-256, computed from {@code zip}
	 * @param zip the zip
	 * @return where the bytes are, for the artifact's row to record; null when the row
	 * itself is to hold them
	 * @throws dev.aloft.problems.PlatformException {@code CODE_STORE_UNAVAILABLE} when
	 * the store cannot take it
	 */
	@Nullable String put(String sha256, byte[] zip);

	/**
	 * Reads the bytes an artifact's row says are elsewhere.
	 * @param sha256 the zip's hex SHA-256; what is read must hash to it
	 * @param location where the row says the bytes are
	 * @return the zip
	 * @throws dev.aloft.problems.PlatformException {@code CODE_STORE_UNAVAILABLE} when
	 * the store cannot give them back intact
	 */
	byte[] read(String sha256, String location);

	/**
	 * Deletes the bytes an artifact's row said were elsewhere, once that row is deleted.
	 * Deleting bytes that are not there (any more) is no error.
	 * @param sha256 the zip's hex SHA-256
	 * @param location where the row said the bytes were
	 * @throws dev.aloft.problems.PlatformException {@code CODE_STORE_UNAVAILABLE} when
	 * the store cannot delete them
	 */
	void delete(String sha256, String location);

}
