package dev.aloft.controlplane.system;

import dev.aloft.problems.PlatformException;
import org.jspecify.annotations.Nullable;

/**
 * Optimistic concurrency for writes that replace a resource: the caller sends back the
 * ETag it read, {@code If-Match: "<version>"}, and the write goes through only if nothing
 * changed since.
 */
public final class Preconditions {

	private Preconditions() {
	}

	/**
	 * The ETag of a resource at an entity version.
	 * @param entityVersion the JPA version
	 * @return the quoted ETag
	 */
	public static String eTag(long entityVersion) {
		return "\"" + entityVersion + "\"";
	}

	/**
	 * Checks an {@code If-Match} header against the resource's current version.
	 * @param ifMatch the header, or null when absent
	 * @param entityVersion the resource's current JPA version
	 * @param resource what the caller is changing, for the message
	 * @throws PlatformException 428 when the header is missing, 412 when it is stale
	 */
	public static void requireMatch(@Nullable String ifMatch, long entityVersion, String resource) {
		if (ifMatch == null || ifMatch.isBlank()) {
			throw new PlatformException(ProblemType.PRECONDITION_REQUIRED,
					"Send If-Match with the ETag you read to change " + resource);
		}
		String current = eTag(entityVersion);
		for (String candidate : ifMatch.split(",")) {
			String tag = candidate.strip();
			if (tag.equals("*") || tag.equals(current) || tag.equals("W/" + current)) {
				return;
			}
		}
		throw new PlatformException(ProblemType.PRECONDITION_FAILED,
				resource + " changed since you read it: its ETag is now " + current);
	}

}
