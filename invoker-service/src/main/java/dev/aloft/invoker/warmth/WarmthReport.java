package dev.aloft.invoker.warmth;

import dev.aloft.contracts.config.FunctionVersionConfig;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Writes the warmth header of the internal invoke API, when a {@link WarmEnvironments}
 * bean exists to say what the pool holds.
 */
@Component
public class WarmthReport {

	/**
	 * Response header of the internal invoke API: how many idle warm environments of the
	 * invoked version the invoker holds as it answers. The gateway reads the same name.
	 */
	public static final String HEADER = "Aloft-Warm-Environments";

	private final @Nullable WarmEnvironments environments;

	@Autowired
	WarmthReport(ObjectProvider<WarmEnvironments> environments) {
		this(environments.getIfAvailable());
	}

	/**
	 * Creates a report over a source, or over none.
	 * @param environments what the pool holds, or null when nothing can say
	 */
	public WarmthReport(@Nullable WarmEnvironments environments) {
		this.environments = environments;
	}

	/**
	 * The header's value for an answer about a version.
	 * @param function the version
	 * @return the value, or null when the header should be left out
	 */
	public @Nullable String headerValue(FunctionVersionConfig function) {
		return (this.environments != null) ? Integer.toString(Math.max(0, this.environments.idle(function))) : null;
	}

}
