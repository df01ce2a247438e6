package dev.aloft.invoker.metrics;

import java.util.List;

/**
 * What the pool holds right now, for gauges. Nothing implements it yet: the pool needs
 * read-only accessors first, and then a bean of this type (in this module, adapting
 * {@code EnvironmentPool}) turns the gauges of {@link PoolGauges} on. Every method must
 * be cheap and must not block: gauges are read on every scrape.
 */
public interface PoolOccupancy {

	/** The states environments are counted in, as {@code state} tag values. */
	List<String> STATES = List.of("starting", "idle", "busy", "returning");

	/**
	 * How many environments are in a state.
	 * @param state one of {@link #STATES}
	 * @return the number now
	 */
	int environments(String state);

	/**
	 * Invocations handed to an environment that have not ended.
	 * @return the number now
	 */
	int inFlightInvocations();

	/**
	 * Invocations waiting for an environment.
	 * @return the number now
	 */
	int queuedInvocations();

}
