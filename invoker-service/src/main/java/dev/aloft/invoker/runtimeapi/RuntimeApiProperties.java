package dev.aloft.invoker.runtimeapi;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the Runtime API listens, and how sandboxes reach it.
 *
 * @param port the port (0 picks a free one)
 * @param bindAddress the address to listen on; loopback unless sandboxes live elsewhere
 * @param advertisedHost the host sandboxes use to reach it
 */
@Validated
@ConfigurationProperties("aloft.invoker.runtime-api")
record RuntimeApiProperties(@PositiveOrZero @DefaultValue("9001") int port,
		@NotBlank @DefaultValue("127.0.0.1") String bindAddress,
		@NotBlank @DefaultValue("127.0.0.1") String advertisedHost) {

}
