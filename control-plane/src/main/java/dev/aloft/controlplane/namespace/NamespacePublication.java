package dev.aloft.controlplane.namespace;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * At start-up, makes sure every namespace has an account id and is on the feed.
 */
@Component
class NamespacePublication implements ApplicationRunner {

	private final Namespaces namespaces;

	NamespacePublication(Namespaces namespaces) {
		this.namespaces = namespaces;
	}

	@Override
	public void run(ApplicationArguments args) {
		this.namespaces.publishAll();
	}

}
