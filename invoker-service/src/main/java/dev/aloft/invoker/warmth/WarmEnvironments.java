package dev.aloft.invoker.warmth;

import dev.aloft.contracts.config.FunctionVersionConfig;

/**
 * How many idle warm environments of a version the invoker holds; the pool implements it,
 * and {@link WarmthReport} turns it into the {@link WarmthReport#HEADER} header the
 * gateway places by.
 * <p>
 * An implementation counts the environments of the version's pool key that are idle or
 * returning (they answered and are about to ask for the next event): the environment that
 * served the call being answered is still returning when the answer is written. It is
 * read on every invocation, so it must be cheap and must not block for long.
 */
@FunctionalInterface
public interface WarmEnvironments {

	/**
	 * The idle warm environments of a version.
	 * @param function the version
	 * @return how many, zero or more
	 */
	int idle(FunctionVersionConfig function);

}
