package dev.aloft.invoker.pool;

import java.nio.file.Path;
import java.util.Map;

import dev.aloft.invoker.runtime.RuntimeCatalog;
import dev.aloft.invoker.sandbox.RuntimeImages;
import dev.aloft.invoker.spi.SandboxBackend;
import org.jspecify.annotations.Nullable;

/**
 * What pre-starting takes on the configured sandbox backend. A process sandbox sees the
 * host's files, so a pre-started runtime can reach its function's code wherever it is. A
 * docker sandbox sees only what was mounted when its container was created: a pre-started
 * container gets an empty task root of its own mounted at {@code /var/task}, which the
 * function's code is put into when it is taken, and it runs its family's image
 * ({@code images.python}, else the default image), so only runtimes that run in that same
 * image can take it. Java is not pre-started in containers: a pre-started JVM maps a
 * class-data archive dumped by the host's JDK, which the image's JDK cannot use.
 */
final class PrestartBackend {

	/** Where a container sees its task root. */
	private static final String CONTAINER_TASK_ROOT = "/var/task";

	private final boolean process;

	private final @Nullable RuntimeImages images;

	PrestartBackend(SandboxBackend backend) {
		this.process = backend.kind().equals("process");
		this.images = (backend instanceof RuntimeImages containers) ? containers : null;
	}

	/**
	 * Whether runtimes of a family can be pre-started on this backend at all.
	 * @param family the runtime family
	 * @return false when every function of the family starts its own runtime here
	 */
	boolean runs(String family) {
		if (this.process) {
			return true;
		}
		return this.images != null && !family.equals(RuntimeCatalog.JAVA)
				&& !this.images.runtimeImage(family).isBlank();
	}

	/**
	 * Whether a function of a runtime can take a runtime of a family pre-started here: in
	 * a container, when its runtime runs in the family's image.
	 * @param runtime the function's runtime
	 * @param family the pre-started runtime's family
	 * @return whether it fits
	 */
	boolean fits(String runtime, String family) {
		if (this.images == null) {
			return this.process;
		}
		return runs(family) && this.images.runtimeImage(runtime).equals(this.images.runtimeImage(family));
	}

	/**
	 * Whether every pre-started runtime needs a task root of its own: a container can see
	 * its function's code only through a directory mounted when it was created.
	 * @return whether it does
	 */
	boolean ownTaskRoots() {
		return this.images != null;
	}

	/**
	 * The task root as the runtime sees it.
	 * @param taskRoot the task root on the invoker's host
	 * @return where the runtime finds it
	 */
	String taskRoot(Path taskRoot) {
		return (this.images != null) ? CONTAINER_TASK_ROOT : taskRoot.toString();
	}

	/**
	 * What a pre-started runtime of a family starts with besides its family's own: in a
	 * container, the execution environment the docker backend picks the family's image by
	 * (the runtime replaces it with its function's when it is taken).
	 * @param family the runtime family
	 * @return the variables
	 */
	Map<String, String> variables(String family) {
		return (this.images != null) ? Map.of("AWS_EXECUTION_ENV", "AWS_Lambda_" + family) : Map.of();
	}

}
