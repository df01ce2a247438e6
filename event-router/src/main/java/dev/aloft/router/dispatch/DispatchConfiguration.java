package dev.aloft.router.dispatch;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The queue's clock: UTC wall-clock time. Routers sharing a database compare their own
 * clocks with the times in it (due times, leases), so their clocks should be in sync
 * (NTP); a skew shifts retries and lease recovery by as much.
 */
@Configuration(proxyBeanMethods = false)
class DispatchConfiguration {

	@Bean
	Clock dispatchClock() {
		return Clock.systemUTC();
	}

}
