package dev.aloft.invoker.pool;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.aloft.invoker.runtime.RuntimeCatalog;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Pre-started environments: runtimes booted ahead of demand, each waiting for the first
 * function of its family and memory size to need a cold start, which then pays only for
 * loading its own code. Only the process sandbox backend can hand code to a running
 * sandbox; on other backends nothing is pre-started.
 *
 * @param runtimes how many environments to keep pre-started per runtime family and memory
 * size: {@code python} (every {@code python3.x}), {@code nodejs} (every
 * {@code nodejs*.x}) and {@code java} ({@code java21} and {@code java25}, on the JDK of
 * pre-started JVMs); 0 turns a family off. A family not named keeps its default, one.
 * @param memorySizes the memory sizes (MB) to keep them for; a function of another size
 * starts from scratch
 * @param refillInterval how often the pool checks for missing pre-started environments,
 * unless functions' environments are starting; it also refills whenever one has finished
 * starting (so one taken is replaced once its function's init is over) and when one ends
 */
@Validated
@ConfigurationProperties("aloft.invoker.pool.prestart")
record PrestartProperties(@Nullable Map<String, Integer> runtimes, @DefaultValue("128") List<Integer> memorySizes,
		@DefaultValue("1s") Duration refillInterval) {

	/** The families whose bootstraps can take a function late. */
	static final Set<String> FAMILIES = Set.of(RuntimeCatalog.PYTHON, RuntimeCatalog.NODEJS, RuntimeCatalog.JAVA);

	/** One of each family unless configured otherwise. */
	private static final Map<String, Integer> DEFAULT_RUNTIMES = Map.of(RuntimeCatalog.PYTHON, 1, RuntimeCatalog.NODEJS,
			1, RuntimeCatalog.JAVA, 1);

	PrestartProperties {
		// Over the defaults, so turning one family off leaves the others on.
		Map<String, Integer> configured = new HashMap<>(DEFAULT_RUNTIMES);
		if (runtimes != null) {
			configured.putAll(runtimes);
		}
		runtimes = Map.copyOf(configured);
		memorySizes = List.copyOf(memorySizes);
		runtimes.forEach((family, count) -> {
			if (!FAMILIES.contains(family)) {
				throw new IllegalArgumentException("aloft.invoker.pool.prestart.runtimes." + family
						+ ": only the families " + FAMILIES + " can be pre-started");
			}
			if (count < 0) {
				throw new IllegalArgumentException("aloft.invoker.pool.prestart.runtimes." + family + " is negative");
			}
		});
		for (int memoryMb : memorySizes) {
			if (memoryMb < 128 || memoryMb > 10_240) {
				throw new IllegalArgumentException(
						"aloft.invoker.pool.prestart.memory-sizes: " + memoryMb + " is not a Lambda memory size");
			}
		}
		if (refillInterval.toMillis() < 10) {
			throw new IllegalArgumentException("aloft.invoker.pool.prestart.refill-interval must be at least 10ms");
		}
	}

	/**
	 * How many environments to keep pre-started for one family and memory size.
	 */
	int target(PrestartKey key) {
		return this.memorySizes.contains(key.memoryMb()) ? this.runtimes.getOrDefault(key.family(), 0) : 0;
	}

	/**
	 * Every family and memory size with a target above zero.
	 */
	List<PrestartKey> keys() {
		return this.runtimes.entrySet()
			.stream()
			.filter((entry) -> entry.getValue() > 0)
			.sorted(Map.Entry.comparingByKey())
			.flatMap((entry) -> this.memorySizes.stream().map((memoryMb) -> new PrestartKey(entry.getKey(), memoryMb)))
			.toList();
	}

}
