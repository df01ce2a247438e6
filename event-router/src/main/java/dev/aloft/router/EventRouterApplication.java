package dev.aloft.router;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The event router: turns events into invocations and never loses one.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class EventRouterApplication {

	/**
	 * The name of this service's configuration file, {@code event-router.yml}. Each
	 * service has its own name so that all four can share one classpath in the standalone
	 * launcher.
	 */
	public static final String CONFIG_NAME = "event-router";

	/**
	 * Starts the service.
	 * @param args command-line arguments
	 */
	public static void main(String[] args) {
		application().run(args);
	}

	/**
	 * The service's application, reading {@value #CONFIG_NAME}{@code .yml}.
	 * @return the application, ready to run
	 */
	public static SpringApplication application() {
		SpringApplication application = new SpringApplication(EventRouterApplication.class);
		application.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
		return application;
	}

}
