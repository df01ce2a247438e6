package dev.aloft.controlplane.function;

import java.time.Duration;

import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The collection of code artifacts no function or version uses (see
 * {@link CodeArtifactCollection}).
 *
 * @param enabled whether this control plane collects; with several replicas any number
 * may
 * @param interval how often it collects
 * @param gracePeriod how long an artifact is kept after an upload last stored or reused
 * it, whether anything references it or not. It must be far longer than any upload
 * request takes: it is what keeps an artifact a request is about to reference from being
 * collected under it (and it absorbs clock differences between replicas)
 * @param batchSize how many artifacts one query looks for; each is then deleted in a
 * transaction of its own
 */
@Validated
@ConfigurationProperties("aloft.control-plane.code.gc")
record CodeCollectionProperties(@DefaultValue("true") boolean enabled, @DefaultValue("1h") Duration interval,
		@DefaultValue("24h") Duration gracePeriod, @DefaultValue("100") @Positive int batchSize) {

	CodeCollectionProperties {
		if (interval.isNegative() || interval.isZero()) {
			throw new IllegalArgumentException("aloft.control-plane.code.gc.interval must be positive");
		}
		if (gracePeriod.isNegative() || gracePeriod.isZero()) {
			throw new IllegalArgumentException("aloft.control-plane.code.gc.grace-period must be positive");
		}
	}

}
