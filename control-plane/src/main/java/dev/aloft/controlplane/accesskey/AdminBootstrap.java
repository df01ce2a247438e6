package dev.aloft.controlplane.accesskey;

import dev.aloft.controlplane.accesskey.AccessKeyService.NewAccessKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * On the first start (no access keys yet), creates the administrator's key: the one given
 * by {@code ALOFT_ADMIN_ACCESS_KEY_ID} / {@code ALOFT_ADMIN_SECRET_ACCESS_KEY}, or a
 * generated one whose secret is printed once, to standard output, and never logged.
 */
@Component
class AdminBootstrap implements ApplicationRunner {

	private static final Logger logger = LoggerFactory.getLogger(AdminBootstrap.class);

	private final AccessKeyService accessKeys;

	private final SecurityProperties properties;

	AdminBootstrap(AccessKeyService accessKeys, SecurityProperties properties) {
		this.accessKeys = accessKeys;
		this.properties = properties;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (this.accessKeys.anyExists()) {
			this.accessKeys.publishAll();
			return;
		}
		boolean given = this.properties.adminAccessKeyId() != null && this.properties.adminSecretAccessKey() != null;
		NewAccessKey admin = this.accessKeys.create("administrator", given ? this.properties.adminAccessKeyId() : null,
				given ? this.properties.adminSecretAccessKey() : null);
		this.accessKeys.bind(admin.accessKeyId(), Caller.EVERY_NAMESPACE, Role.ADMIN);
		logger.info("Created the administrator's access key {}", admin.accessKeyId());
		if (!given) {
			System.out.printf(
					"%n  Aloft created an administrator access key. Its secret is shown only this once:%n"
							+ "    ALOFT_ADMIN_ACCESS_KEY_ID=%s%n    ALOFT_ADMIN_SECRET_ACCESS_KEY=%s%n"
							+ "  Use it as: Authorization: Bearer %s:<secret>%n%n",
					admin.accessKeyId(), admin.secretAccessKey(), admin.accessKeyId());
		}
	}

}
