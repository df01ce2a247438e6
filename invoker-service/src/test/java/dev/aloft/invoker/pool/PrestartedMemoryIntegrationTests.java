package dev.aloft.invoker.pool;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import dev.aloft.contracts.config.FunctionVersionConfig;
import dev.aloft.invoker.FakeControlPlane;
import dev.aloft.invoker.FunctionCode;
import dev.aloft.invoker.InvokerIntegrationSupport;
import dev.aloft.invoker.runtime.RuntimeCatalog;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Pre-started environments live within the memory budget and give way first: with 384 MB
 * for everything and no JVM pre-started, one Python and one Node.js runtime of 128 MB
 * wait pre-started; a function that needs 256 MB pushes one of them out, and the pool
 * does not start it again while the function's environment holds the memory (refills take
 * free memory only).
 */
@TestPropertySource(properties = { "aloft.invoker.pool.user-memory=384MB",
		"aloft.invoker.pool.prestart.refill-interval=50ms", "aloft.invoker.pool.prestart.runtimes.java=0" })
class PrestartedMemoryIntegrationTests extends InvokerIntegrationSupport {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final String APP = """
			import os


			def handler(event, context):
			    return {"pid": os.getpid()}
			""";

	@Autowired
	EnvironmentPool pool;

	@Test
	void prestartedEnvironmentsGiveWayToFunctionsAndNeverPushThemOut() {
		await().atMost(WAIT)
			.until(() -> this.pool.prestartedReady(RuntimeCatalog.PYTHON) == 1
					&& this.pool.prestartedReady(RuntimeCatalog.NODEJS) == 1);
		assertThat(this.pool.freeMemoryMb()).isEqualTo(128);
		byte[] zip = FunctionCode.python("app", APP);
		FunctionVersionConfig big = new FunctionVersionConfig(NAMESPACE, "pre-big-" + UUID.randomUUID(),
				FunctionVersionConfig.LATEST, UUID.randomUUID().toString(), "python3.11", "app.handler", 256, 10, 512,
				Map.of(), FakeControlPlane.sha256(zip), zip.length);
		CONTROL_PLANE.put(big, zip);

		Invoked first = invoke(big, "{}");

		assertThat(first.status()).as(first::toString).isEqualTo(200);
		assertThat(this.pool.freeMemoryMb()).as("256 MB for the function, 128 MB for what is still pre-started")
			.isZero();
		assertThat(this.pool.prestartedReady(RuntimeCatalog.PYTHON) + this.pool.prestartedReady(RuntimeCatalog.NODEJS))
			.as("one pre-started environment gave way")
			.isEqualTo(1);
		await().atMost(WAIT).until(() -> this.pool.idle(big) == 1);
		assertThat(this.pool.liveEnvironments(big)).as("its environment stays: refilling only takes free memory")
			.isEqualTo(1);
		assertThat(this.pool.freeMemoryMb()).isZero();
	}

}
