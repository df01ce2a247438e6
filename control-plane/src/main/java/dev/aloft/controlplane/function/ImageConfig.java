package dev.aloft.controlplane.function;

import java.util.List;

import dev.aloft.contracts.config.FunctionVersionConfig;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * What replaces a container image's {@code ENTRYPOINT}, {@code CMD} and {@code WORKDIR},
 * as Lambda's {@code ImageConfig} (same limits). Left out, the image's own apply.
 *
 * @param entryPoint the entry point, at most 1500 strings
 * @param command the command, at most 1500 strings
 * @param workingDirectory the working directory, at most 1000 characters
 */
public record ImageConfig(@Nullable @Size(max = 1500) List<@NotNull String> entryPoint,
		@Nullable @Size(max = 1500) List<@NotNull String> command,
		@Nullable @Size(max = 1000) String workingDirectory) {

	/**
	 * The configuration as followers of the feed read it.
	 * @return the feed's form
	 */
	FunctionVersionConfig.ImageConfig toConfig() {
		return new FunctionVersionConfig.ImageConfig((this.entryPoint != null) ? this.entryPoint : List.of(),
				(this.command != null) ? this.command : List.of(), this.workingDirectory);
	}

}
