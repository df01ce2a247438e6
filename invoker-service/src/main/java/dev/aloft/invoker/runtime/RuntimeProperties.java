package dev.aloft.invoker.runtime;

import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Which local interpreters serve which runtimes.
 *
 * @param pythonCommand the Python 3 interpreter that serves every {@code python3.x}
 * runtime
 */
@Validated
@ConfigurationProperties("aloft.invoker.runtimes")
record RuntimeProperties(@NotBlank @DefaultValue("python3") String pythonCommand) {

}
