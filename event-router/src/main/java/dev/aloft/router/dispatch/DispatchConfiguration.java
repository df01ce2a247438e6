package dev.aloft.router.dispatch;

import java.sql.DatabaseMetaData;
import java.time.Clock;

import javax.sql.DataSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/**
 * The queue's clock: UTC wall-clock time. Routers sharing a database compare their own
 * clocks with the times in it (due times, leases), so their clocks should be in sync
 * (NTP); a skew shifts retries and lease recovery by as much. Claims lock rows in the way
 * that suits the database ({@link ClaimLocking}).
 */
@Configuration(proxyBeanMethods = false)
class DispatchConfiguration {

	@Bean
	Clock dispatchClock() {
		return Clock.systemUTC();
	}

	@Bean
	ClaimLocking claimLocking(DataSource dataSource) throws MetaDataAccessException {
		String product = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
		return ClaimLocking.forDatabase(product);
	}

}
