package dev.aloft.gateway.route;

import java.util.Locale;
import java.util.regex.Pattern;

import dev.aloft.gateway.GatewayProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * How a request addresses a function URL: by its host,
 * {@code <url id>.lambda-url.<region>.<domain>} (what Lambda hands out), or by the path
 * the control plane hands out, {@code /urls/<url id>/...}.
 */
@Component
class FunctionUrlAddresses {

	/** The path prefix function URLs are served under. */
	static final String PATH_PREFIX = "/urls/";

	private static final Pattern URL_ID = Pattern.compile("[a-z0-9]{32}");

	private final String hostSuffix;

	FunctionUrlAddresses(FunctionUrlProperties properties, GatewayProperties gateway) {
		this.hostSuffix = (".lambda-url." + gateway.region() + "." + properties.domain()).toLowerCase(Locale.ROOT);
	}

	/**
	 * The URL id a host name carries.
	 * @param host the host, without port
	 * @return the id, or null when the host is not a function URL's
	 */
	@Nullable String urlIdOfHost(String host) {
		String lower = host.toLowerCase(Locale.ROOT);
		if (!lower.endsWith(this.hostSuffix)) {
			return null;
		}
		String id = lower.substring(0, lower.length() - this.hostSuffix.length());
		return URL_ID.matcher(id).matches() ? id : null;
	}

	/**
	 * The host name of a function URL, which is also its events' {@code domainName}.
	 * @param urlId the URL id
	 * @return {@code <url id>.lambda-url.<region>.<domain>}
	 */
	String domainName(String urlId) {
		return urlId + this.hostSuffix;
	}

	/**
	 * The function URL a path addresses.
	 * @param rawPath the request path, as received
	 * @return the URL id and the path after it, or null when the path is not under
	 * {@code /urls/<url id>}
	 */
	static @Nullable PathAddress ofPath(String rawPath) {
		if (!rawPath.startsWith(PATH_PREFIX)) {
			return null;
		}
		String rest = rawPath.substring(PATH_PREFIX.length());
		int slash = rest.indexOf('/');
		String id = (slash < 0) ? rest : rest.substring(0, slash);
		if (!URL_ID.matcher(id).matches()) {
			return null;
		}
		return new PathAddress(id, (slash < 0) ? "/" : rest.substring(slash));
	}

	/**
	 * A function URL addressed by path.
	 *
	 * @param urlId the URL id
	 * @param rawPath the path after {@code /urls/<url id>}, from {@code /}
	 */
	record PathAddress(String urlId, String rawPath) {
	}

}
