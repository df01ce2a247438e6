package dev.aloft.controlplane.namespace;

import dev.aloft.problems.PlatformException;
import dev.aloft.controlplane.system.ProblemType;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The namespace feature's API for other features.
 */
@Service
public class Namespaces {

	/** The namespace that always exists. */
	public static final String DEFAULT = "default";

	private final NamespaceRepository repository;

	Namespaces(NamespaceRepository repository) {
		this.repository = repository;
	}

	/**
	 * Checks that a namespace exists.
	 * @param name the namespace
	 * @throws PlatformException {@code NAMESPACE_NOT_FOUND} when it does not
	 */
	@Transactional(readOnly = true)
	public void requireExisting(String name) {
		if (!this.repository.existsById(name)) {
			throw new PlatformException(ProblemType.NAMESPACE_NOT_FOUND, "Namespace '" + name + "' does not exist");
		}
	}

}
