package dev.aloft.controlplane.accesskey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.aloft.contracts.config.AccessKeyConfig;
import dev.aloft.contracts.config.ResourceKind;
import dev.aloft.controlplane.configfeed.ConfigFeed;
import dev.aloft.controlplane.system.ProblemType;
import dev.aloft.problems.PlatformException;
import dev.aloft.secrets.SecretBox;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Access keys and roles: creates keys (the secret is shown once), binds roles per
 * namespace, and tells who a request's credentials identify.
 */
@Service
public class AccessKeyService {

	private static final String ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

	private static final String SECRET_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

	private final AccessKeyRepository keys;

	private final RoleBindingRepository bindings;

	private final SecretBox secretBox;

	private final SecureRandom random = new SecureRandom();

	private final Clock clock = Clock.systemUTC();

	private final ConfigFeed configFeed;

	private final ApplicationEventPublisher events;

	AccessKeyService(AccessKeyRepository keys, RoleBindingRepository bindings, SecretBox secretBox,
			ConfigFeed configFeed, ApplicationEventPublisher events) {
		this.keys = keys;
		this.bindings = bindings;
		this.secretBox = secretBox;
		this.configFeed = configFeed;
		this.events = events;
	}

	/**
	 * Checks credentials, in constant time.
	 * @param accessKeyId the key id
	 * @param secret the secret presented
	 * @return the caller, when the key exists, is enabled, and the secret matches
	 */
	@Transactional(readOnly = true)
	public Optional<Caller> authenticate(String accessKeyId, String secret) {
		Optional<String> expected = secretOf(accessKeyId);
		if (expected.isEmpty() || !MessageDigest.isEqual(expected.get().getBytes(StandardCharsets.UTF_8),
				secret.getBytes(StandardCharsets.UTF_8))) {
			return Optional.empty();
		}
		return Optional.of(caller(accessKeyId));
	}

	/**
	 * The secret of an enabled key, to verify an AWS Signature V4 with.
	 * @param accessKeyId the key id
	 * @return the secret, if the key exists and is enabled
	 */
	@Transactional(readOnly = true)
	public Optional<String> secretOf(String accessKeyId) {
		return this.keys.findById(accessKeyId)
			.filter(AccessKey::enabled)
			.map((key) -> this.secretBox.open(key.secretSealed(), context(key.id())));
	}

	/**
	 * The caller a key identifies.
	 * @param accessKeyId the key id
	 * @return the caller, with its roles
	 */
	@Transactional(readOnly = true)
	public Caller caller(String accessKeyId) {
		Map<String, Role> roles = new HashMap<>();
		this.bindings.findByAccessKeyId(accessKeyId)
			.forEach((binding) -> roles.put(binding.namespace(), binding.role()));
		return new Caller(accessKeyId, roles);
	}

	/**
	 * Creates a key; the answer is the only time its secret is seen.
	 * @param description what the key is for
	 * @param id a chosen key id, or null to generate one
	 * @param secret a chosen secret, or null to generate one
	 * @return the key and its secret
	 */
	@Transactional
	public NewAccessKey create(String description, @Nullable String id, @Nullable String secret) {
		String accessKeyId = (id != null) ? id : "AKIA" + randomString(ID_ALPHABET, 16);
		String secretAccessKey = (secret != null) ? secret : randomString(SECRET_ALPHABET, 40);
		this.keys.saveAndFlush(new AccessKey(accessKeyId, this.secretBox.seal(secretAccessKey, context(accessKeyId)),
				description, now()));
		publish(accessKeyId);
		return new NewAccessKey(accessKeyId, secretAccessKey, description);
	}

	@Transactional(readOnly = true)
	boolean anyExists() {
		return this.keys.count() > 0;
	}

	@Transactional(readOnly = true)
	List<AccessKey> list() {
		return this.keys.findAll();
	}

	@Transactional
	void delete(String accessKeyId) {
		AccessKey key = this.keys.findById(accessKeyId).orElseThrow(() -> notFound(accessKeyId));
		this.events.publishEvent(new AccessKeyDeleting(accessKeyId));
		this.keys.delete(key);
		this.configFeed.retract(ResourceKind.ACCESS_KEY, accessKeyId);
	}

	/**
	 * Gives a key a role in a namespace, replacing the role it had there.
	 */
	@Transactional
	public void bind(String accessKeyId, String namespace, Role role) {
		if (!this.keys.existsById(accessKeyId)) {
			throw notFound(accessKeyId);
		}
		RoleBinding binding = this.bindings.findById(new RoleBinding.Key(accessKeyId, namespace))
			.orElseGet(() -> new RoleBinding(accessKeyId, namespace, role, now()));
		binding.role(role);
		this.bindings.saveAndFlush(binding);
		publish(accessKeyId);
	}

	@Transactional
	void unbind(String accessKeyId, String namespace) {
		this.bindings.deleteById(new RoleBinding.Key(accessKeyId, namespace));
		this.bindings.flush();
		if (this.keys.existsById(accessKeyId)) {
			publish(accessKeyId);
		}
	}

	/**
	 * Puts every key on the feed that is not there yet. Idempotent; runs at start-up.
	 */
	@Transactional
	void publishAll() {
		for (AccessKey key : this.keys.findAll()) {
			if (!this.configFeed.isPublished(ResourceKind.ACCESS_KEY, key.id())) {
				publish(key.id());
			}
		}
	}

	/**
	 * Publishes a key as the gateway needs it: the sealed secret and the roles.
	 */
	private void publish(String accessKeyId) {
		AccessKey key = this.keys.findById(accessKeyId).orElseThrow(() -> notFound(accessKeyId));
		Map<String, String> roles = new HashMap<>();
		this.bindings.findByAccessKeyId(accessKeyId)
			.forEach((binding) -> roles.put(binding.namespace(), binding.role().name()));
		this.configFeed.publish(new AccessKeyConfig(key.id(), key.secretSealed(), key.enabled(), roles));
	}

	@Transactional(readOnly = true)
	List<RoleBinding> bindings(String namespace) {
		return this.bindings.findByNamespaceOrderByAccessKeyId(namespace);
	}

	/**
	 * What a key's secret is sealed for: that key and nothing else.
	 */
	private static String context(String accessKeyId) {
		return "access-key:" + accessKeyId;
	}

	private String randomString(String alphabet, int length) {
		StringBuilder text = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			text.append(alphabet.charAt(this.random.nextInt(alphabet.length())));
		}
		return text.toString();
	}

	private static PlatformException notFound(String accessKeyId) {
		return new PlatformException(ProblemType.ACCESS_KEY_NOT_FOUND, "No access key " + accessKeyId);
	}

	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	/**
	 * A new key, with its secret.
	 *
	 * @param accessKeyId the key id
	 * @param secretAccessKey the secret: shown now, never again
	 * @param description what it is for
	 */
	public record NewAccessKey(String accessKeyId, String secretAccessKey, String description) {

		@Override
		public String toString() {
			return "NewAccessKey[" + this.accessKeyId + "]";
		}

	}

}
