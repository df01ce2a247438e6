package dev.aloft.gateway.throttle;

import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where this gateway stands among the gateways that share the concurrency limits. Each
 * gateway admits only its share of every limit, and the shares of all of them add up to
 * exactly the limit, so the gateways together never run more than it without asking each
 * other anything on the way.
 * <p>
 * Every gateway of a deployment must be given the same size and a different index: a
 * Kubernetes StatefulSet's replica count and pod ordinal, for example.
 *
 * @param size how many gateways share the limits; 1 (this gateway alone) by default
 * @param index this gateway's place among them, from 0 to {@code size - 1}
 */
@Validated
@ConfigurationProperties("aloft.gateway.cluster")
record ClusterProperties(@DefaultValue("1") @Positive int size, @DefaultValue("0") @PositiveOrZero int index) {

	ClusterProperties {
		// Checked here rather than only by the constraints so that a wrong setting stops
		// the start with a message saying what is wrong with which key.
		if (size < 1) {
			throw new IllegalArgumentException(
					"aloft.gateway.cluster.size must be at least 1 (the number of gateways), but is " + size);
		}
		if (index < 0 || index >= size) {
			throw new IllegalArgumentException("aloft.gateway.cluster.index must be from 0 to " + (size - 1)
					+ " (one less than aloft.gateway.cluster.size, " + size + "), but is " + index);
		}
	}

	/**
	 * This gateway's share of a limit: the limit divided by the number of gateways,
	 * rounded down, plus one at the first {@code limit % size} gateways, so that the
	 * shares of all gateways add up to exactly the limit.
	 * @param limit a limit of the whole cluster, not negative
	 * @return how much of it this gateway may use
	 */
	int share(int limit) {
		return limit / this.size + ((this.index < limit % this.size) ? 1 : 0);
	}

}
