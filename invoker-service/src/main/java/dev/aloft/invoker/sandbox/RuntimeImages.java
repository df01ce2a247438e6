package dev.aloft.invoker.sandbox;

/**
 * A sandbox backend that runs each runtime's command in a container image of its own (the
 * docker backend): which image that is, so the pool knows which runtimes can take a
 * runtime pre-started in a family's image.
 */
public interface RuntimeImages {

	/**
	 * The image a runtime's command runs in: the runtime's own, its family's, or the
	 * default image.
	 * @param runtime a runtime ({@code python3.11}) or a runtime family ({@code python})
	 * @return the image, or empty when none is configured
	 */
	String runtimeImage(String runtime);

}
