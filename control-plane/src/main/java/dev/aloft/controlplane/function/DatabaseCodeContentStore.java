package dev.aloft.controlplane.function;

import dev.aloft.controlplane.system.ProblemType;
import dev.aloft.problems.PlatformException;
import org.jspecify.annotations.Nullable;

/**
 * Keeps code in the artifact's own database row: the default, with nothing else to run.
 */
class DatabaseCodeContentStore implements CodeContentStore {

	@Override
	public @Nullable String put(String sha256, byte[] zip) {
		return null;
	}

	/**
	 * Only artifacts stored while the control plane used an object store have their bytes
	 * elsewhere; this one cannot reach that store.
	 */
	@Override
	public byte[] read(String sha256, String location) {
		throw elsewhere(sha256, "serve");
	}

	/**
	 * The bytes this store keeps go with their row, so it is never asked to delete them.
	 * Those in an object store it cannot reach: they stay listed for deletion until a
	 * control plane configured with that store deletes them.
	 */
	@Override
	public void delete(String sha256, String location) {
		throw elsewhere(sha256, "delete");
	}

	private static PlatformException elsewhere(String sha256, String action) {
		return new PlatformException(ProblemType.CODE_STORE_UNAVAILABLE,
				"The code with SHA-256 " + sha256
						+ " is kept in an S3-compatible store, and aloft.control-plane.code.store is database: "
						+ "configure that store (store s3 and its s3 settings) to " + action + " it");
	}

}
