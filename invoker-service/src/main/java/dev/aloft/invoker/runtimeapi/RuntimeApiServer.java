package dev.aloft.invoker.runtimeapi;

import dev.aloft.invoker.pool.RuntimeApiEndpoint;
import org.apache.catalina.connector.Connector;
import org.apache.coyote.AbstractProtocol;
import org.apache.tomcat.util.threads.VirtualThreadExecutor;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * The Runtime API's own listener: a second connector of the invoker's web server, so
 * sandboxes never reach the internal invoke API or actuator, and callers never reach the
 * Runtime API. Each environment's address carries its secret as a path prefix.
 */
@Component
class RuntimeApiServer implements RuntimeApiEndpoint, WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

	private final RuntimeApiProperties properties;

	private final Connector connector;

	RuntimeApiServer(RuntimeApiProperties properties) {
		this.properties = properties;
		this.connector = new Connector(TomcatServletWebServerFactory.DEFAULT_PROTOCOL);
		this.connector.setPort(properties.port());
		this.connector.setProperty("address", properties.bindAddress());
		// Runtimes keep one connection for the life of the environment.
		this.connector.setProperty("maxKeepAliveRequests", "-1");
		this.connector.setProperty("keepAliveTimeout", "-1");
		// A streaming runtime reports a mid-stream failure in trailers, which Tomcat
		// drops unless named; the error body is base64 JSON with a stack trace, so give
		// it room.
		this.connector.setProperty("allowedTrailerHeaders",
				RuntimeApi.ERROR_TYPE_TRAILER + "," + RuntimeApi.ERROR_BODY_TRAILER);
		this.connector.setProperty("maxTrailerSize", Integer.toString(1024 * 1024));
		if (this.connector.getProtocolHandler() instanceof AbstractProtocol<?> protocol) {
			protocol.setExecutor(new VirtualThreadExecutor("runtime-api-"));
		}
	}

	@Override
	public void customize(TomcatServletWebServerFactory factory) {
		factory.addAdditionalConnectors(this.connector);
	}

	@Override
	public String address(String environmentToken) {
		return this.properties.advertisedHost() + ":" + port() + "/" + environmentToken;
	}

	/**
	 * The port the Runtime API listens on, once started.
	 */
	int port() {
		int port = this.connector.getLocalPort();
		return (port > 0) ? port : this.properties.port();
	}

}
