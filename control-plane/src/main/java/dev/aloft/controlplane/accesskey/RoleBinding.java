package dev.aloft.controlplane.accesskey;

import java.io.Serializable;
import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/**
 * A key's role in one namespace ({@code *}: every namespace).
 */
@Entity
@Table(name = "role_binding")
@IdClass(RoleBinding.Key.class)
class RoleBinding {

	@Id
	private String accessKeyId;

	@Id
	private String namespace;

	@Enumerated(EnumType.STRING)
	private Role role;

	private Instant createdAt;

	protected RoleBinding() {
		this.accessKeyId = "";
		this.namespace = "";
		this.role = Role.VIEWER;
		this.createdAt = Instant.EPOCH;
	}

	RoleBinding(String accessKeyId, String namespace, Role role, Instant createdAt) {
		this.accessKeyId = accessKeyId;
		this.namespace = namespace;
		this.role = role;
		this.createdAt = createdAt;
	}

	String accessKeyId() {
		return this.accessKeyId;
	}

	String namespace() {
		return this.namespace;
	}

	Role role() {
		return this.role;
	}

	void role(Role role) {
		this.role = role;
	}

	/**
	 * The identity: key and namespace.
	 *
	 * @param accessKeyId the key
	 * @param namespace the namespace
	 */
	record Key(String accessKeyId, String namespace) implements Serializable {

		Key() {
			this("", "");
		}

	}

}
