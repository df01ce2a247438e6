package dev.aloft.invoker.pool;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which variables keep a function from taking a pre-started runtime: those a runtime
 * reads only as it starts.
 */
class EnvironmentSpecsTests {

	@Test
	void variablesReadAsAnyProcessStartsChangeHowItBoots() {
		assertThat(EnvironmentSpecs.changesBoot("LD_PRELOAD")).isTrue();
		assertThat(EnvironmentSpecs.changesBoot("LD_LIBRARY_PATH")).isTrue();
		assertThat(EnvironmentSpecs.changesBoot("MALLOC_ARENA_MAX")).isTrue();
		assertThat(EnvironmentSpecs.changesBoot("GLIBC_TUNABLES")).isTrue();
		assertThat(EnvironmentSpecs.changesBoot("LC_ALL")).isTrue();
	}

	@Test
	void variablesAnInterpreterOrAJvmReadsAsItStartsChangeHowItBoots() {
		assertThat(EnvironmentSpecs.changesBoot("PYTHONPATH")).isTrue();
		assertThat(EnvironmentSpecs.changesBoot("NODE_OPTIONS")).isTrue();
		assertThat(EnvironmentSpecs.changesBoot("UV_THREADPOOL_SIZE")).isTrue();
		assertThat(EnvironmentSpecs.changesBoot("JAVA_TOOL_OPTIONS")).isTrue();
		assertThat(EnvironmentSpecs.changesBoot("_JAVA_OPTIONS")).isTrue();
		assertThat(EnvironmentSpecs.changesBoot("JDK_JAVA_OPTIONS")).isTrue();
	}

	@Test
	void aFunctionsOwnVariablesDoNot() {
		assertThat(EnvironmentSpecs.changesBoot("TABLE_NAME")).isFalse();
		assertThat(EnvironmentSpecs.changesBoot("JAVA_HOME")).isFalse();
		assertThat(EnvironmentSpecs.changesBoot("HTTPS_PROXY")).isFalse();
		assertThat(EnvironmentSpecs.changesBoot("AWS_LAMBDA_JAVA_NETWORKADDRESS_CACHE_NEGATIVE_TTL")).isFalse();
	}

}
