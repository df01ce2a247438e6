package dev.aloft.controlplane.functionurl;

import java.net.URI;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where function URLs point.
 *
 * @param baseUrl the gateway's public address; a function URL is
 * {@code <baseUrl>urls/<url id>/}. A missing final '/' is added.
 */
@Validated
@ConfigurationProperties("aloft.control-plane.function-urls")
record FunctionUrlProperties(@NotNull @DefaultValue("http://localhost:8080/") URI baseUrl) {

	FunctionUrlProperties {
		if (!("http".equals(baseUrl.getScheme()) || "https".equals(baseUrl.getScheme())) || baseUrl.getHost() == null
				|| baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null
				|| baseUrl.getRawUserInfo() != null) {
			throw new IllegalArgumentException(
					"base-url must be an http(s) URL without credentials, query or fragment: " + baseUrl);
		}
		if (!baseUrl.getRawPath().endsWith("/")) {
			baseUrl = URI.create(baseUrl + "/");
		}
	}

	/**
	 * The URL of a function URL id.
	 * @param urlId the id
	 * @return {@code <baseUrl>urls/<urlId>/}
	 */
	String functionUrl(String urlId) {
		return this.baseUrl + "urls/" + urlId + "/";
	}

}
