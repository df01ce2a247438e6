package dev.aloft.standalone;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.aloft.controlplane.ControlPlaneApplication;
import dev.aloft.gateway.GatewayApplication;
import dev.aloft.invoker.InvokerApplication;
import dev.aloft.router.EventRouterApplication;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Runs the whole platform in one JVM: the control plane, the invoker, the event router
 * and the gateway, each its own Spring application on its own port, sharing an embedded
 * H2 database (one schema per service) under the data directory, with the process
 * sandbox. Ctrl-C stops them, gateway first; a restart keeps what was deployed.
 */
public final class AloftStandalone {

	/**
	 * Persistence the stateless services must not configure from the shared classpath.
	 */
	private static final String PERSISTENCE_AUTO_CONFIGURATION = String.join(",",
			"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
			"org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
			"org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration",
			"org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration");

	/** The environment variable every service reads its master key from. */
	static final String MASTER_KEY_VARIABLE = "ALOFT_MASTER_KEY";

	private final StandaloneProperties properties;

	/** The running services, in start order. */
	private final Deque<ConfigurableApplicationContext> services = new ArrayDeque<>();

	AloftStandalone(StandaloneProperties properties) {
		this.properties = properties;
	}

	/**
	 * Starts the platform.
	 * @param args {@code --aloft.standalone.*} settings
	 * @throws IOException when the data directory cannot be created
	 */
	public static void main(String[] args) throws IOException {
		try {
			new AloftStandalone(bind(args)).start();
		}
		catch (RuntimeException ex) {
			// A service that failed has logged why (a port in use, a database not
			// there...). Exit, so that a supervisor or a readiness check sees the failure
			// rather than a platform with a service missing.
			System.err.println("Aloft failed to start: " + rootMessage(ex));
			System.exit(1);
		}
	}

	private static String rootMessage(Throwable failure) {
		Throwable cause = failure;
		while (cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause.getMessage();
	}

	static StandaloneProperties bind(String[] args) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(args));
		ConfigurationPropertySources.attach(environment);
		StandaloneProperties properties = Binder.get(environment)
			.bindOrCreate("aloft.standalone", Bindable.of(StandaloneProperties.class));
		String masterKeyVariable = System.getenv(MASTER_KEY_VARIABLE);
		if (properties.masterKey() != null || masterKeyVariable == null || masterKeyVariable.isBlank()) {
			return properties;
		}
		return properties.withMasterKey(masterKeyVariable);
	}

	void start() throws IOException {
		Files.createDirectories(this.properties.dataDirectory());
		String masterKey = KeptMasterKey.load(this.properties.dataDirectory(), this.properties.masterKey()).toBase64();
		Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "aloft-standalone-shutdown"));
		long started = System.nanoTime();
		try {
			runServices(masterKey);
		}
		catch (RuntimeException ex) {
			// All or nothing: the services that did start would otherwise go on serving,
			// and a port the failed one should have had may be answered by another.
			stop();
			throw ex;
		}
		System.out.printf("%nAloft is running (started in %.1f s). Data: %s%n  gateway        http://%s:%d%n"
				+ "  control plane  http://%s:%d%n  invoker        http://%s:%d%n  event router   http://%s:%d%n"
				+ "Press Ctrl-C to stop.%n", (System.nanoTime() - started) / 1e9, this.properties.dataDirectory(),
				this.properties.bindAddress(), this.properties.gatewayPort(), this.properties.bindAddress(),
				this.properties.controlPlanePort(), this.properties.bindAddress(), this.properties.invokerPort(),
				this.properties.bindAddress(), this.properties.eventRouterPort());
	}

	private void runServices(String masterKey) {
		run(ControlPlaneApplication.application(), ControlPlaneApplication.CONFIG_NAME,
				this.properties.controlPlanePort(),
				with(database(), "aloft.control-plane.security.master-key", masterKey));
		run(InvokerApplication.application(), InvokerApplication.CONFIG_NAME, this.properties.invokerPort(),
				with(invoker(), "aloft.invoker.security.master-key", masterKey));
		run(EventRouterApplication.application(), EventRouterApplication.CONFIG_NAME, this.properties.eventRouterPort(),
				with(router(), "aloft.event-router.security.master-key", masterKey));
		run(GatewayApplication.application(), GatewayApplication.CONFIG_NAME, this.properties.gatewayPort(),
				with(gateway(), "aloft.gateway.security.master-key", masterKey));
	}

	/**
	 * Runs one service. Its settings go in as command-line arguments, so they win over
	 * anything in the environment that was meant for the launcher.
	 */
	private void run(SpringApplication application, String configName, int port, Map<String, String> settings) {
		Map<String, String> all = new LinkedHashMap<>();
		all.put("spring.config.name", configName);
		all.put("server.port", Integer.toString(port));
		all.put("server.address", this.properties.bindAddress());
		all.put("spring.main.banner-mode", "off");
		all.put("spring.jmx.enabled", "false");
		all.put("logging.level.root", "WARN");
		all.put("logging.level.dev.aloft", "INFO");
		all.put("logging.include-application-name", "false");
		all.putAll(settings);
		List<String> args = new ArrayList<>();
		all.forEach((key, value) -> args.add("--" + key + "=" + value));
		application.setRegisterShutdownHook(false);
		this.services.push(application.run(args.toArray(String[]::new)));
	}

	/**
	 * Stops the services in reverse start order: the gateway stops taking requests first,
	 * the control plane goes last. Each shuts down gracefully.
	 */
	void stop() {
		while (!this.services.isEmpty()) {
			ConfigurableApplicationContext service = this.services.pop();
			try {
				service.close();
			}
			catch (RuntimeException ex) {
				System.err.println("Failed to stop " + service.getId() + ": " + ex);
			}
		}
	}

	private static Map<String, String> with(Map<String, String> settings, String key, String value) {
		Map<String, String> all = new LinkedHashMap<>(settings);
		all.put(key, value);
		return all;
	}

	private Map<String, String> database() {
		StandaloneProperties.Database external = this.properties.database();
		if (external != null) {
			Map<String, String> settings = new LinkedHashMap<>();
			settings.put("spring.datasource.url", external.url());
			// Left out when not given, so that a user named in the URL stands.
			if (external.username() != null) {
				settings.put("spring.datasource.username", external.username());
			}
			if (external.password() != null) {
				settings.put("spring.datasource.password", external.password());
			}
			return settings;
		}
		return Map.of("spring.datasource.url", this.properties.embeddedDatabaseUrl(), "spring.datasource.username",
				"sa", "spring.datasource.password", "");
	}

	private Map<String, String> invoker() {
		return Map.of("spring.autoconfigure.exclude", PERSISTENCE_AUTO_CONFIGURATION, "aloft.invoker.instance-id",
				"standalone", "aloft.invoker.work-directory",
				this.properties.dataDirectory().resolve("invoker").toString(), "aloft.invoker.control-plane.url",
				this.properties.controlPlaneUrl(), "aloft.invoker.runtime-api.port",
				Integer.toString(this.properties.runtimeApiPort()), "aloft.invoker.runtime-api.bind-address",
				this.properties.bindAddress(), "aloft.invoker.runtime-api.advertised-host",
				this.properties.bindAddress());
	}

	private Map<String, String> router() {
		Map<String, String> settings = new LinkedHashMap<>(database());
		settings.put("aloft.event-router.control-plane.url", this.properties.controlPlaneUrl());
		// Through the gateway's relay: the router's invocations count against the same
		// concurrency limits as synchronous ones.
		settings.put("aloft.event-router.invokers.urls", this.properties.gatewayUrl());
		return settings;
	}

	private Map<String, String> gateway() {
		return Map.of("spring.autoconfigure.exclude", PERSISTENCE_AUTO_CONFIGURATION, "aloft.gateway.control-plane.url",
				this.properties.controlPlaneUrl(), "aloft.gateway.invokers.urls", this.properties.invokerUrl(),
				"aloft.gateway.event-router.url", this.properties.eventRouterUrl());
	}

}
