package dev.aloft.contracts.config;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A function version on the feed, with and without a container image, and as records
 * published before images existed read.
 */
class FunctionVersionConfigTests {

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void oldParameterListMakesZipVersion() {
		FunctionVersionConfig config = new FunctionVersionConfig("ns", "fn", "1", "r", "python3.12", "app.handler", 128,
				3, 512, Map.of(), "ab", 10);

		assertThat(config.packageType()).isEqualTo(FunctionVersionConfig.ZIP);
		assertThat(config.imageUri()).isNull();
		assertThat(config.imageConfig()).isNull();
	}

	@Test
	void recordWithoutPackageTypeReadsAsZip() {
		String published = """
				{"kind":"FUNCTION_VERSION","namespace":"ns","functionName":"fn","version":"1","revisionId":"r","runtime":"python3.12",
				"handler":"app.handler","memoryMb":128,"timeoutSeconds":3,"ephemeralStorageMb":512,
				"environment":{},"secretEnvironment":{},"codeSha256":"ab","codeSizeBytes":10}""";

		FunctionVersionConfig config = this.json.readValue(published, FunctionVersionConfig.class);

		assertThat(config.packageType()).isEqualTo(FunctionVersionConfig.ZIP);
		assertThat(config.imageUri()).isNull();
		assertThat(config.imageConfig()).isNull();
	}

	@Test
	void imageVersionSurvivesTheWire() {
		FunctionVersionConfig config = new FunctionVersionConfig("ns", "fn", "$LATEST", "r", "", "", 256, 30, 512,
				Map.of("A", "1"), Map.of(), "cd", 0, FunctionVersionConfig.IMAGE, "registry.example:5000/team/fn:1.4",
				new FunctionVersionConfig.ImageConfig(List.of("/bin/app"), List.of("serve"), "/srv"));

		FunctionVersionConfig read = this.json.readValue(this.json.writeValueAsString(config),
				FunctionVersionConfig.class);

		assertThat(read).isEqualTo(config);
	}

	@Test
	void imageConfigListsDefaultToEmpty() {
		FunctionVersionConfig.ImageConfig config = this.json.readValue("{\"workingDirectory\":\"/srv\"}",
				FunctionVersionConfig.ImageConfig.class);

		assertThat(config.entryPoint()).isEmpty();
		assertThat(config.command()).isEmpty();
	}

}
