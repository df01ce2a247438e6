package dev.aloft.invoker.runtime;

import java.nio.file.Path;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Which local interpreters and JDKs serve which runtimes.
 *
 * @param pythonCommand the Python 3 interpreter that serves every {@code python3.x}
 * runtime
 * @param nodeCommand the Node.js binary that serves every {@code nodejs*.x} runtime; when
 * it does not run, those runtimes are unavailable on this invoker
 * @param java21 the JDK of the {@code java21} runtime
 * @param java25 the JDK of the {@code java25} runtime
 */
@Validated
@ConfigurationProperties("aloft.invoker.runtimes")
record RuntimeProperties(@NotBlank @DefaultValue("python3") String pythonCommand,
		@NotBlank @DefaultValue("node") String nodeCommand, @Valid @DefaultValue Jdk java21,
		@Valid @DefaultValue Jdk java25) {

	/**
	 * The JDK a Java runtime runs on.
	 *
	 * @param javaHome its home directory (holding {@code bin/java}); unset means the JDK
	 * running the invoker, when it is new enough
	 */
	record Jdk(@Nullable Path javaHome) {

	}

}
