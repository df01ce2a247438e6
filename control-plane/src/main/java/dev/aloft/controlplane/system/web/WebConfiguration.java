package dev.aloft.controlplane.system.web;

import java.util.regex.Pattern;

import dev.aloft.controlplane.system.PublicApi;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.accept.PathApiVersionResolver;
import org.springframework.web.method.HandlerTypePredicate;
import org.springframework.web.servlet.config.annotation.ApiVersionConfigurer;
import org.springframework.web.servlet.config.annotation.PathMatchConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves the public API under {@code /v1}, configured once here rather than in every
 * controller. Other paths (internal endpoints, actuator) carry no version.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

	private static final Pattern VERSIONED_PATH = Pattern.compile("^/v\\d+(/.*)?$");

	@Override
	public void configurePathMatch(PathMatchConfigurer configurer) {
		configurer.addPathPrefix("/{apiVersion:v\\d+}", HandlerTypePredicate.forAnnotation(PublicApi.class));
	}

	@Override
	public void configureApiVersioning(ApiVersionConfigurer configurer) {
		configurer
			.useVersionResolver(new PathApiVersionResolver(0,
					(path) -> VERSIONED_PATH.matcher(path.pathWithinApplication().value()).matches()))
			.setVersionRequired(false)
			.addSupportedVersions("1");
	}

}
