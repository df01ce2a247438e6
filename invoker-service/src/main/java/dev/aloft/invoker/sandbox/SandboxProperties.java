package dev.aloft.invoker.sandbox;

import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Which sandbox backend runs environments.
 *
 * @param backend {@code process} (the default) or {@code docker}
 */
@Validated
@ConfigurationProperties("aloft.invoker.sandbox")
record SandboxProperties(@NotBlank @DefaultValue("process") String backend) {

}
