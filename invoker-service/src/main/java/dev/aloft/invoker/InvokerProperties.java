package dev.aloft.invoker;

import java.nio.file.Path;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The invoker instance.
 *
 * @param instanceId identifies this invoker; labels everything its sandboxes create
 * @param workDirectory where code, runtimes and sandboxes live on local disk
 * @param region the region functions see in {@code AWS_REGION}
 */
@Validated
@ConfigurationProperties("aloft.invoker")
public record InvokerProperties(@NotBlank String instanceId, @NotNull Path workDirectory,
		@NotBlank @DefaultValue("us-east-1") String region) {

	public InvokerProperties {
		// Sandboxes run with their code directory as working directory: every path handed
		// to
		// them must be absolute.
		if (workDirectory != null) {
			workDirectory = workDirectory.toAbsolutePath().normalize();
		}
	}

}
