package dev.aloft.gateway.throttle;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.aloft.configfeed.ConfigView;
import dev.aloft.contracts.config.FunctionConcurrencyConfig;
import dev.aloft.contracts.config.FunctionVersionConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Admits synchronous invocations within their concurrency limits, as Lambda does: a
 * function with reserved concurrency runs at most that many at once (0 stops it); the
 * other functions of a namespace share what the namespace's limit leaves after the
 * reservations.
 * <p>
 * The limits hold across several gateways without a call per request: each gateway counts
 * only its own invocations and admits only its share of each limit
 * ({@link ClusterProperties#share(int)}), and the shares add up to exactly the limit. The
 * price is that a call can be throttled at one gateway while another still has room, most
 * of all when a limit is small against the number of gateways (a reservation of 1 with
 * two gateways runs only through the first).
 * <p>
 * The event router runs asynchronous and event-source invocations through a gateway's
 * relay ({@code dev.aloft.gateway.relay}), so they take their places here too: a
 * reservation holds for all of a function's invocations together.
 */
@Component
public class ConcurrencyLimits {

	private static final Logger logger = LoggerFactory.getLogger(ConcurrencyLimits.class);

	private final ThrottleProperties properties;

	private final ClusterProperties cluster;

	private final ConcurrentMap<String, AtomicInteger> unreservedInFlight = new ConcurrentHashMap<>();

	private final ConcurrentMap<String, AtomicInteger> reservedInFlight = new ConcurrentHashMap<>();

	private volatile Reservations reservations = new Reservations(Long.MIN_VALUE, Map.of());

	private final Counter reservedThrottles;

	private final Counter namespaceThrottles;

	ConcurrencyLimits(ThrottleProperties properties, ClusterProperties cluster, MeterRegistry meterRegistry) {
		this.properties = properties;
		this.cluster = cluster;
		if (cluster.size() > 1) {
			logger.info("Admitting this gateway's share of every concurrency limit: gateway {} of {}", cluster.index(),
					cluster.size());
		}
		this.reservedThrottles = throttles(meterRegistry, "reserved");
		this.namespaceThrottles = throttles(meterRegistry, "namespace");
	}

	private static Counter throttles(MeterRegistry meterRegistry, String limit) {
		return Counter.builder("aloft.gateway.throttled")
			.description("Synchronous invocations refused at a concurrency limit")
			.tag("limit", limit)
			.register(meterRegistry);
	}

	/**
	 * Takes a place for one invocation.
	 * @param view the configuration the function was resolved at
	 * @param namespace the function's namespace
	 * @param functionName the function
	 * @return the place, to close when the invocation is over
	 * @throws ConcurrencyLimitExceededException when the function or its namespace is at
	 * its limit
	 */
	public ConcurrencyPermit acquire(ConfigView view, String namespace, String functionName)
			throws ConcurrencyLimitExceededException {
		FunctionConcurrencyConfig reserved = view.concurrency(namespace, functionName);
		if (reserved != null) {
			AtomicInteger inFlight = this.reservedInFlight.computeIfAbsent(reserved.key(),
					(key) -> new AtomicInteger());
			int share = this.cluster.share(reserved.reservedConcurrency());
			if (!tryIncrement(inFlight, share)) {
				this.reservedThrottles.increment();
				throw new ConcurrencyLimitExceededException("Function " + functionName
						+ " is at its reserved concurrency (" + reserved.reservedConcurrency() + describe(share) + ")",
						true);
			}
			return new ConcurrencyPermit(inFlight);
		}
		int unreserved = Math.max(0, this.properties.limitOf(namespace) - reservations(view).of(namespace));
		int share = this.cluster.share(unreserved);
		AtomicInteger inFlight = this.unreservedInFlight.computeIfAbsent(namespace, (key) -> new AtomicInteger());
		if (!tryIncrement(inFlight, share)) {
			this.namespaceThrottles.increment();
			throw new ConcurrencyLimitExceededException("Namespace " + namespace + " is at its unreserved concurrency ("
					+ unreserved + describe(share) + ")", false);
		}
		return new ConcurrencyPermit(inFlight);
	}

	/**
	 * Says how much of a limit this gateway admits, when it shares the limit with others;
	 * a caller throttled below the whole limit learns why.
	 */
	private String describe(int share) {
		return (this.cluster.size() > 1)
				? ", of which gateway " + this.cluster.index() + " of " + this.cluster.size() + " admits " + share : "";
	}

	private static boolean tryIncrement(AtomicInteger inFlight, int limit) {
		while (true) {
			int current = inFlight.get();
			if (current >= limit) {
				return false;
			}
			if (inFlight.compareAndSet(current, current + 1)) {
				return true;
			}
		}
	}

	/**
	 * The reservations of a view, summed per namespace once per revision.
	 */
	private Reservations reservations(ConfigView view) {
		Reservations current = this.reservations;
		if (current.revision() == view.revision()) {
			return current;
		}
		Set<String> seen = new HashSet<>();
		Map<String, Integer> sums = new HashMap<>();
		for (FunctionVersionConfig version : view.functionVersions()) {
			String key = FunctionConcurrencyConfig.keyOf(version.namespace(), version.functionName());
			if (seen.add(key)) {
				FunctionConcurrencyConfig reserved = view.concurrency(version.namespace(), version.functionName());
				if (reserved != null) {
					sums.merge(version.namespace(), reserved.reservedConcurrency(), Integer::sum);
				}
			}
		}
		Reservations computed = new Reservations(view.revision(), Map.copyOf(sums));
		this.reservations = computed;
		return computed;
	}

	/**
	 * Reserved concurrency per namespace at one revision.
	 *
	 * @param revision the revision
	 * @param byNamespace the sum of the reservations of each namespace
	 */
	private record Reservations(long revision, Map<String, Integer> byNamespace) {

		int of(String namespace) {
			return this.byNamespace.getOrDefault(namespace, 0);
		}

	}

}
