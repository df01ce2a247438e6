package dev.aloft.gateway.route;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.HttpRequestHandler;
import org.springframework.web.servlet.handler.AbstractHandlerMapping;

/**
 * Sends every request addressed to a function URL's host to the route controller, ahead
 * of every other mapping: on its own host a function URL owns every path, including those
 * of the Lambda API ({@code /2015-03-31/...}) and the actuator.
 */
@Component
class FunctionUrlHostMapping extends AbstractHandlerMapping {

	private final FunctionUrlAddresses addresses;

	private final HttpRequestHandler handler;

	FunctionUrlHostMapping(FunctionUrlAddresses addresses, HttpRouteController controller) {
		this.addresses = addresses;
		this.handler = (request, response) -> {
			try {
				controller.serve(request, response);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new ServletException("Interrupted while serving a function URL", ex);
			}
		};
		setOrder(Ordered.HIGHEST_PRECEDENCE);
	}

	@Override
	protected @Nullable Object getHandlerInternal(HttpServletRequest request) throws IOException {
		return (this.addresses.urlIdOfHost(HttpApiEvents.domainName(request)) != null) ? this.handler : null;
	}

}
