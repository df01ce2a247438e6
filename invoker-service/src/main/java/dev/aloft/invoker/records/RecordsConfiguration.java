package dev.aloft.invoker.records;

import java.net.http.HttpClient;
import java.time.Clock;

import dev.aloft.invoker.InvokerProperties;
import dev.aloft.invoker.catalog.ControlPlaneProperties;
import dev.aloft.secrets.MasterKey;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Records and logs go to the control plane unless {@code aloft.invoker.records.enabled}
 * is false: the recorder the pool calls, the buffer it fills, and the shipper that
 * empties it over the control-plane HTTP client with the internal token.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "aloft.invoker.records.enabled", matchIfMissing = true)
class RecordsConfiguration {

	@Bean
	RecordDrops recordDrops(MeterRegistry meterRegistry) {
		return new RecordDrops(meterRegistry);
	}

	@Bean
	RecordBuffer recordBuffer(RecordsProperties properties, RecordDrops recordDrops, MeterRegistry meterRegistry) {
		return new RecordBuffer(properties.bufferCapacity(), properties.bufferMemory().toBytes(), properties.maxBatch(),
				recordDrops, meterRegistry);
	}

	@Bean
	ControlPlaneRecorder controlPlaneRecorder(RecordBuffer recordBuffer, RecordsProperties properties,
			InvokerProperties invoker, Clock clock) {
		return new ControlPlaneRecorder(recordBuffer, recordBuffer.drops(), invoker.instanceId(),
				properties.maxLineLength(), clock);
	}

	@Bean
	RecordSender recordSender(ControlPlaneProperties controlPlane, HttpClient controlPlaneHttpClient,
			MasterKey masterKey, JsonMapper jsonMapper) {
		return new HttpRecordSender(controlPlane.url(), controlPlaneHttpClient, masterKey.internalToken(), jsonMapper);
	}

	@Bean
	RecordShipper recordShipper(RecordBuffer recordBuffer, RecordSender recordSender, RecordsProperties properties,
			ControlPlaneProperties controlPlane, MeterRegistry meterRegistry) {
		return new RecordShipper(recordBuffer, recordSender, properties, controlPlane.requestTimeout(), meterRegistry);
	}

}
