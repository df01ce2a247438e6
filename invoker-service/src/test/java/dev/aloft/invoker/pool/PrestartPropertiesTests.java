package dev.aloft.invoker.pool;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.aloft.invoker.runtime.RuntimeCatalog;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Which runtimes are kept pre-started, and how many.
 */
class PrestartPropertiesTests {

	@Test
	void unsetKeepsOneOfEachFamilyPerMemorySize() {
		PrestartProperties properties = new PrestartProperties(null, List.of(128, 512), Duration.ofSeconds(1));

		assertThat(properties.keys()).containsExactly(new PrestartKey(RuntimeCatalog.JAVA, 128),
				new PrestartKey(RuntimeCatalog.JAVA, 512), new PrestartKey(RuntimeCatalog.NODEJS, 128),
				new PrestartKey(RuntimeCatalog.NODEJS, 512), new PrestartKey(RuntimeCatalog.PYTHON, 128),
				new PrestartKey(RuntimeCatalog.PYTHON, 512));
		assertThat(properties.target(new PrestartKey(RuntimeCatalog.JAVA, 512))).isOne();
		assertThat(properties.target(new PrestartKey(RuntimeCatalog.JAVA, 256))).as("not a pre-started size").isZero();
	}

	@Test
	void turningOneFamilyOffLeavesTheOthersAtTheirDefault() {
		PrestartProperties properties = new PrestartProperties(Map.of(RuntimeCatalog.JAVA, 0, RuntimeCatalog.PYTHON, 2),
				List.of(128), Duration.ofSeconds(1));

		assertThat(properties.keys()).containsExactly(new PrestartKey(RuntimeCatalog.NODEJS, 128),
				new PrestartKey(RuntimeCatalog.PYTHON, 128));
		assertThat(properties.target(new PrestartKey(RuntimeCatalog.PYTHON, 128))).isEqualTo(2);
		assertThat(properties.target(new PrestartKey(RuntimeCatalog.NODEJS, 128))).isOne();
	}

	@Test
	void onlyFamiliesThatCanTakeAFunctionLateArePrestarted() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new PrestartProperties(Map.of("provided", 1), List.of(128), Duration.ofSeconds(1)))
			.withMessageContaining("aloft.invoker.pool.prestart.runtimes.provided");
	}

}
