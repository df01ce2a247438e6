package dev.aloft.controlplane.function;

import java.net.URI;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Signed code download links, the {@code Code.Location} of Lambda's {@code GetFunction}.
 *
 * @param linkTtl how long a link works, as Lambda's presigned URLs (10 minutes)
 * @param baseUrl the address clients reach the control plane's Lambda API at, e.g. the
 * gateway's public URL; by default, the address the request came to
 */
@Validated
@ConfigurationProperties("aloft.control-plane.code.download")
record CodeDownloadProperties(@DefaultValue("10m") Duration linkTtl, @Nullable URI baseUrl) {

	CodeDownloadProperties {
		if (linkTtl.isNegative() || linkTtl.isZero()) {
			throw new IllegalArgumentException("link-ttl must be positive");
		}
	}

}
