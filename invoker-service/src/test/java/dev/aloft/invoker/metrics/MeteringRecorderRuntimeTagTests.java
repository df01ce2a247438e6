package dev.aloft.invoker.metrics;

import java.util.Map;

import dev.aloft.contracts.config.FunctionVersionConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code runtime} tag of cold starts: the runtime of a zip, and one bounded value for
 * every container-image function, which has no runtime.
 */
class MeteringRecorderRuntimeTagTests {

	@Test
	void aZipIsTaggedWithItsRuntimeAndAnImageAsImage() {
		FunctionVersionConfig zip = new FunctionVersionConfig("default", "fn", "1", "r", "python3.12", "app.handler",
				128, 3, 512, Map.of(), "abc", 1);
		FunctionVersionConfig image = new FunctionVersionConfig("default", "fn", "1", "r", "", "", 128, 3, 512,
				Map.of(), Map.of(), "abc", 0, FunctionVersionConfig.IMAGE, "team/fn:1", null);

		assertThat(MeteringRecorder.runtime(zip)).isEqualTo("python3.12");
		assertThat(MeteringRecorder.runtime(image)).isEqualTo("image");
	}

}
