package dev.aloft.controlplane.namespace;

import dev.aloft.problems.PlatformException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import dev.aloft.controlplane.system.ProblemType;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Sort;
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

	@Transactional
	Namespace create(String name) {
		if (this.repository.existsById(name)) {
			throw new PlatformException(ProblemType.NAMESPACE_EXISTS, "Namespace '" + name + "' already exists");
		}
		return this.repository.save(new Namespace(name, Instant.now().truncatedTo(ChronoUnit.MICROS)));
	}

	@Transactional(readOnly = true)
	List<Namespace> list() {
		return this.repository.findAll(Sort.by("name"));
	}

	@Transactional(readOnly = true)
	Namespace find(String name) {
		return this.repository.findById(name)
			.orElseThrow(() -> new PlatformException(ProblemType.NAMESPACE_NOT_FOUND,
					"Namespace '" + name + "' does not exist"));
	}

	/**
	 * Deletes an empty namespace; one that still holds functions or routes stays.
	 */
	@Transactional
	void delete(String name) {
		if (DEFAULT.equals(name)) {
			throw new PlatformException(ProblemType.NAMESPACE_NOT_EMPTY, "The default namespace always exists");
		}
		Namespace namespace = find(name);
		try {
			this.repository.delete(namespace);
			this.repository.flush();
		}
		catch (DataIntegrityViolationException ex) {
			throw new PlatformException(ProblemType.NAMESPACE_NOT_EMPTY,
					"Namespace '" + name + "' still holds functions or routes");
		}
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
