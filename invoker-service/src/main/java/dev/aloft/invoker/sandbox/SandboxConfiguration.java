package dev.aloft.invoker.sandbox;

import java.io.IOException;
import java.nio.file.Files;

import dev.aloft.invoker.InvokerProperties;
import dev.aloft.invoker.sandbox.docker.DockerSandboxBackend;
import dev.aloft.invoker.sandbox.docker.DockerSandboxOptions;
import dev.aloft.invoker.sandbox.process.ProcessSandboxBackend;
import dev.aloft.invoker.sandbox.process.ProcessSandboxOptions;
import dev.aloft.invoker.spi.OwnerLabels;
import dev.aloft.invoker.spi.SandboxBackend;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Creates the configured sandbox backend, and reaps what an earlier run left behind
 * before anything new starts.
 */
@Configuration(proxyBeanMethods = false)
class SandboxConfiguration {

	@Bean
	@ConditionalOnProperty(name = "aloft.invoker.sandbox.backend", havingValue = "process", matchIfMissing = true)
	SandboxBackend processSandboxBackend(InvokerProperties invoker, SandboxProperties properties) throws IOException {
		SandboxProperties.Process process = properties.process();
		ProcessSandboxBackend backend = new ProcessSandboxBackend(
				Files.createDirectories(invoker.workDirectory().resolve("sandboxes")),
				new ProcessSandboxOptions(process.limits(), process.cgroupRoot(), process.user()));
		backend.reapOrphans(new OwnerLabels(invoker.instanceId()));
		return backend;
	}

	@Bean
	@ConditionalOnProperty(name = "aloft.invoker.sandbox.backend", havingValue = "docker")
	SandboxBackend dockerSandboxBackend(InvokerProperties invoker, SandboxProperties properties) {
		SandboxProperties.Docker docker = properties.docker();
		DockerSandboxBackend backend = new DockerSandboxBackend(new DockerSandboxOptions(docker.socket(),
				docker.images(), docker.defaultImage(), docker.user(), docker.network())
			.withPull(docker.pull()));
		// Fails start-up, with the socket in the message, when no engine answers.
		backend.ping();
		backend.reapOrphans(new OwnerLabels(invoker.instanceId()));
		return backend;
	}

}
