package dev.aloft.invoker.runtimeapi;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RuntimeApiPathTests {

	private static final String TOKEN = "0123456789abcdef0123456789abcdef";

	@Test
	void splitsSecretVersionAndCall() {
		RuntimeApiPath path = RuntimeApiPath.parse("/" + TOKEN + "/2018-06-01/runtime/invocation/next");

		assertThat(path).isEqualTo(new RuntimeApiPath(TOKEN, "2018-06-01", "/runtime/invocation/next"));
	}

	@Test
	void keepsOtherDateShapedVersionsForTheApiToRefuse() {
		assertThat(RuntimeApiPath.parse("/" + TOKEN + "/2020-01-01/runtime/invocation/next"))
			.isEqualTo(new RuntimeApiPath(TOKEN, "2020-01-01", "/runtime/invocation/next"));
	}

	@Test
	void refusesPathsWithoutAWellFormedSecretOrVersion() {
		assertThat(RuntimeApiPath.parse("/2018-06-01/runtime/invocation/next")).isNull();
		assertThat(RuntimeApiPath.parse("/" + TOKEN.toUpperCase() + "/2018-06-01/runtime/invocation/next")).isNull();
		assertThat(RuntimeApiPath.parse("/" + TOKEN.substring(1) + "/2018-06-01/runtime/invocation/next")).isNull();
		assertThat(RuntimeApiPath.parse("/" + TOKEN + "g/2018-06-01/runtime/invocation/next")).isNull();
		assertThat(RuntimeApiPath.parse("/" + TOKEN + "/2018-6-01/runtime/invocation/next")).isNull();
		assertThat(RuntimeApiPath.parse("/" + TOKEN + "/1918-06-01/runtime/invocation/next")).isNull();
		assertThat(RuntimeApiPath.parse("/" + TOKEN + "/2018-06-01")).isNull();
		assertThat(RuntimeApiPath.parse("/actuator/health")).isNull();
		assertThat(RuntimeApiPath.parse("")).isNull();
	}

}
