package dev.aloft.invoker.sandbox.docker;

/**
 * Whether the docker backend may have the engine pull a container-image function's image
 * that it does not hold.
 */
public enum PullPolicy {

	/** Pull an image the engine does not hold yet (the default). */
	MISSING,

	/**
	 * Never pull: an image the engine does not hold fails the environment's start. For
	 * engines without a registry, or whose images are loaded ahead of time.
	 */
	NEVER

}
