package dev.aloft.controlplane.accesskey;

import java.util.Map;

import dev.aloft.controlplane.system.ProblemType;
import dev.aloft.problems.PlatformException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Authorizes every public API call in one place. An endpoint under
 * {@code /namespaces/{namespace}} needs the caller's role there to allow reading (GET,
 * HEAD) or writing (anything else), or what {@link RequiresCapability} names; a namespace
 * the caller has no role in looks as if it did not exist. {@link PlatformAdminOnly}
 * endpoints need a platform administrator.
 */
class NamespaceAccessInterceptor implements HandlerInterceptor {

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (!(handler instanceof HandlerMethod method)) {
			return true;
		}
		Caller caller = (Caller) request.getAttribute(AuthenticationFilter.CALLER_ATTRIBUTE);
		if (caller == null) {
			throw new PlatformException(ProblemType.UNAUTHENTICATED, "Credentials required");
		}
		if (annotated(method, PlatformAdminOnly.class) && !caller.platformAdmin()) {
			throw new PlatformException(ProblemType.FORBIDDEN, "Only platform administrators may do this");
		}
		@SuppressWarnings("unchecked")
		Map<String, String> variables = (Map<String, String>) request
			.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
		String namespace = (variables != null) ? variables.get("namespace") : null;
		if (namespace == null) {
			return true;
		}
		Role role = caller.roleIn(namespace);
		if (role == null) {
			throw new PlatformException(ProblemType.NAMESPACE_NOT_FOUND,
					"Namespace '" + namespace + "' does not exist");
		}
		Capability needed = needed(method, request.getMethod());
		if (!role.allows(needed)) {
			throw new PlatformException(ProblemType.FORBIDDEN,
					"Your role in namespace '" + namespace + "' (" + role + ") does not allow " + needed);
		}
		return true;
	}

	private static Capability needed(HandlerMethod method, String httpMethod) {
		RequiresCapability declared = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(),
				RequiresCapability.class);
		if (declared == null) {
			declared = AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), RequiresCapability.class);
		}
		if (declared != null) {
			return declared.value();
		}
		return (httpMethod.equals("GET") || httpMethod.equals("HEAD")) ? Capability.READ : Capability.WRITE;
	}

	private static boolean annotated(HandlerMethod method, Class<? extends java.lang.annotation.Annotation> type) {
		return method.hasMethodAnnotation(type) || AnnotatedElementUtils.hasAnnotation(method.getBeanType(), type);
	}

}
