package dev.aloft.invoker.pool;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import dev.aloft.configfeed.ConfigView;
import dev.aloft.contracts.config.FunctionVersionConfig;
import dev.aloft.contracts.config.ProvisionedConcurrencyConfig;
import dev.aloft.invoker.catalog.Catalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Keeps the pool's provisioned environments in step with the provisioned concurrency
 * configurations on the feed: each published version gets the sum of its qualifiers'
 * configurations (a version and an alias pointing at it add up, as in Lambda), and a
 * version no configuration names any more stops being provisioned.
 * <p>
 * Starting environments can take a while, so the work runs on the pool's timer thread,
 * never on the feed follower's; views arriving meanwhile are folded into one pass over
 * the newest.
 */
@Component
class ProvisionedConcurrencyFollower {

	private static final Logger logger = LoggerFactory.getLogger(ProvisionedConcurrencyFollower.class);

	private final EnvironmentPool pool;

	private final ScheduledExecutorService timers;

	private final AtomicReference<ConfigView> latest = new AtomicReference<>();

	private final AtomicBoolean scheduled = new AtomicBoolean();

	/** Touched only by the pass that runs on the timer thread. */
	private Map<FunctionVersionConfig, Integer> applied = Map.of();

	ProvisionedConcurrencyFollower(Catalog catalog, EnvironmentPool pool, ScheduledExecutorService poolTimers) {
		this.pool = pool;
		this.timers = poolTimers;
		catalog.onUpdate(this::viewChanged);
	}

	private void viewChanged(ConfigView view) {
		this.latest.set(view);
		if (this.scheduled.compareAndSet(false, true)) {
			this.timers.execute(this::apply);
		}
	}

	private void apply() {
		this.scheduled.set(false);
		ConfigView view = this.latest.get();
		Map<FunctionVersionConfig, Integer> totals = totals(view);
		if (totals.equals(this.applied)) {
			return;
		}
		try {
			this.pool.provisionExactly(totals);
			this.applied = totals;
		}
		catch (RuntimeException ex) {
			// The pool's periodic check keeps what it was given; the next view retries.
			logger.warn("Could not apply provisioned concurrency at revision {}: {}", view.revision(), ex.toString());
		}
	}

	/**
	 * Each published version's provisioned concurrency, summed over the qualifiers that
	 * run it.
	 * @param view the configuration
	 * @return the totals; versions the view does not hold are left out
	 */
	static Map<FunctionVersionConfig, Integer> totals(ConfigView view) {
		Map<FunctionVersionConfig, Integer> totals = new HashMap<>();
		for (ProvisionedConcurrencyConfig config : view.provisionedConcurrency()) {
			FunctionVersionConfig function = view.functionVersion(config.namespace(), config.functionName(),
					config.functionVersion());
			if (function != null && config.provisionedConcurrentExecutions() > 0) {
				totals.merge(function, config.provisionedConcurrentExecutions(), Integer::sum);
			}
		}
		return totals;
	}

}
