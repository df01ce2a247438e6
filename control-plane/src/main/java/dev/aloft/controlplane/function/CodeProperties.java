package dev.aloft.controlplane.function;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Limits on uploaded code, as in Lambda.
 *
 * @param maxZipSize the largest zip accepted
 * @param maxUnzippedSize the most bytes a zip may expand to (guards against zip bombs)
 * @param maxEntries the most entries a zip may hold
 */
@Validated
@ConfigurationProperties("aloft.control-plane.code")
record CodeProperties(@NotNull @DefaultValue("50MB") DataSize maxZipSize,
		@NotNull @DefaultValue("250MB") DataSize maxUnzippedSize, @DefaultValue("20000") int maxEntries) {

	CodeProperties {
		if (maxUnzippedSize.compareTo(maxZipSize) < 0) {
			throw new IllegalArgumentException("max-unzipped-size must not be smaller than max-zip-size");
		}
	}

}
