package dev.aloft.controlplane.namespace;

import dev.aloft.problems.PlatformException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import dev.aloft.contracts.config.ResourceKind;
import dev.aloft.controlplane.configfeed.ConfigFeed;
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

	/** The account id of the default namespace. */
	public static final String DEFAULT_ACCOUNT_ID = "000000000000";

	private final NamespaceRepository repository;

	private final ConfigFeed configFeed;

	private final SecureRandom random = new SecureRandom();

	Namespaces(NamespaceRepository repository, ConfigFeed configFeed) {
		this.repository = repository;
		this.configFeed = configFeed;
	}

	@Transactional
	Namespace create(String name) {
		if (this.repository.existsById(name)) {
			throw new PlatformException(ProblemType.NAMESPACE_EXISTS, "Namespace '" + name + "' already exists");
		}
		Namespace namespace = this.repository
			.saveAndFlush(new Namespace(name, newAccountId(), Instant.now().truncatedTo(ChronoUnit.MICROS)));
		this.configFeed.publish(namespace.config());
		return namespace;
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
			this.configFeed.retract(ResourceKind.NAMESPACE, name);
		}
		catch (DataIntegrityViolationException ex) {
			throw new PlatformException(ProblemType.NAMESPACE_NOT_EMPTY,
					"Namespace '" + name + "' still holds functions or routes");
		}
	}

	/**
	 * Gives every namespace an account id and puts every namespace on the feed, for data
	 * from before either existed. Idempotent; runs at start-up.
	 */
	@Transactional
	void publishAll() {
		for (Namespace namespace : this.repository.findAll()) {
			if (namespace.accountId() == null) {
				namespace.accountId(DEFAULT.equals(namespace.name()) ? DEFAULT_ACCOUNT_ID : newAccountId());
				this.repository.saveAndFlush(namespace);
			}
			if (!this.configFeed.isPublished(ResourceKind.NAMESPACE, namespace.name())) {
				this.configFeed.publish(namespace.config());
			}
		}
	}

	/**
	 * A random 12-digit account id no namespace has yet.
	 */
	private String newAccountId() {
		while (true) {
			String candidate = String.format("%012d", 1 + this.random.nextLong(999_999_999_999L));
			if (!this.repository.existsByAccountId(candidate)) {
				return candidate;
			}
		}
	}

	/**
	 * The account id of a namespace, as Lambda ARNs carry it.
	 * @param name the namespace
	 * @return its account id, or empty when there is no such namespace
	 */
	@Transactional(readOnly = true)
	public Optional<String> accountId(String name) {
		return this.repository.findById(name).map(Namespace::accountId);
	}

	/**
	 * The namespace whose account id this is.
	 * @param accountId a 12-digit account id
	 * @return the namespace's name, or empty when no namespace has it
	 */
	@Transactional(readOnly = true)
	public Optional<String> withAccountId(String accountId) {
		return this.repository.findByAccountId(accountId).map(Namespace::name);
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
