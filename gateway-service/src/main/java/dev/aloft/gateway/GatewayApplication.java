package dev.aloft.gateway;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The gateway: maps HTTP routes to function invocations. Every path belongs to routes, so
 * Spring Boot's error page ({@code /error}) is left out; errors are problem responses.
 */
@SpringBootApplication(excludeName = "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration")
@ConfigurationPropertiesScan
public class GatewayApplication {

	/**
	 * The name of this service's configuration file, {@code gateway.yml}. Each service
	 * has its own name so that all four can share one classpath in the standalone
	 * launcher.
	 */
	public static final String CONFIG_NAME = "gateway";

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
		SpringApplication application = new SpringApplication(GatewayApplication.class);
		application.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
		return application;
	}

}
