package dev.aloft.contracts.config;

/**
 * Paths and parameters of the control plane's internal configuration feed.
 * <p>
 * {@code GET} {@link #SNAPSHOT_PATH} answers a {@link ConfigSnapshot}. {@code GET}
 * {@link #CHANGES_PATH}{@code ?after=N&waitSeconds=S} answers {@link ConfigChanges} at
 * once when something changed after {@code N}, otherwise when something does or {@code S}
 * seconds pass. It answers {@code 410 Gone} when {@code N} is older than the retained
 * history: the follower then starts again from a snapshot.
 */
public final class ConfigFeedApi {

	/** Path of the snapshot. */
	public static final String SNAPSHOT_PATH = "/internal/v1/config/snapshot";

	/** Path of the changes long-poll. */
	public static final String CHANGES_PATH = "/internal/v1/config/changes";

	/** Query parameter: the revision the follower has. */
	public static final String AFTER_PARAM = "after";

	/** Query parameter: the follower's identity, stable for its lifetime. */
	public static final String FOLLOWER_PARAM = "follower";

	/** Query parameter: how long to hold the request open when nothing changed. */
	public static final String WAIT_SECONDS_PARAM = "waitSeconds";

	private ConfigFeedApi() {
	}

}
