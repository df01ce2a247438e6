package dev.aloft.invoker.pool;

import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The pool's clock and timers: deadlines, init timeouts, queue waits and idle reaping.
 * Timer tasks only change state under a lock and hand slow work (killing sandboxes) to
 * other threads.
 */
@Configuration(proxyBeanMethods = false)
class PoolConfiguration {

	@Bean
	ScheduledExecutorService poolTimers() {
		ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1,
				Thread.ofPlatform().name("pool-timer").daemon().factory());
		timers.setRemoveOnCancelPolicy(true);
		return timers;
	}

	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

}
