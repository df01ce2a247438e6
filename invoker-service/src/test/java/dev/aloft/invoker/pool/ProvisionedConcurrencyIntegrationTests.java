package dev.aloft.invoker.pool;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import dev.aloft.contracts.config.FunctionVersionConfig;
import dev.aloft.contracts.config.ProvisionedConcurrencyConfig;
import dev.aloft.contracts.config.ResourceKind;
import dev.aloft.contracts.invoke.InvokerApi;
import dev.aloft.invoker.FakeControlPlane;
import dev.aloft.invoker.FunctionCode;
import dev.aloft.invoker.InvokerIntegrationSupport;
import dev.aloft.invoker.warmth.WarmthReport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Provisioned environments on a real invoker with real Python runtimes: initialised
 * before any invocation (as {@code provisioned-concurrency}), serving the first
 * invocation warm, stopped when the configuration goes, and replaced when one dies.
 */
class ProvisionedConcurrencyIntegrationTests extends InvokerIntegrationSupport {

	private static final Duration WAIT = Duration.ofSeconds(30);

	/**
	 * Records, at import (its init), when and how it was initialised and how many
	 * invocations it has served.
	 */
	private static final String APP = """
			import os
			import time

			INIT = {
			    "pid": os.getpid(),
			    "initialisationType": os.environ.get("AWS_LAMBDA_INITIALIZATION_TYPE"),
			    "initialisedAtMillis": int(time.time() * 1000),
			}
			served = 0


			def handler(event, context):
			    global served
			    served += 1
			    if event.get("action") == "exit":
			        os._exit(3)
			    return dict(INIT, served=served)
			""";

	private static final byte[] APP_ZIP = FunctionCode.python("app", APP);

	@Autowired
	EnvironmentPool pool;

	@Test
	void provisionedEnvironmentsInitialiseAheadAndServeTheFirstInvocationWarm() {
		FunctionVersionConfig function = publish("pc-warm");

		this.pool.provision(function, 2);
		await().atMost(WAIT).until(() -> this.pool.provisionedReady(function) == 2);
		long readyAtMillis = System.currentTimeMillis();

		Invoked first = invokeWithTail(function, "{}");
		assertThat(first.status()).as(first::toString).isEqualTo(200);
		JsonNode answer = first.json();
		assertThat(answer.get("initialisationType").asString()).isEqualTo("provisioned-concurrency");
		assertThat(answer.get("initialisedAtMillis").asLong()).as("init ran before the invocation was sent")
			.isLessThanOrEqualTo(readyAtMillis);
		assertThat(answer.get("served").asInt()).isEqualTo(1);
		String log = new String(Base64.getDecoder().decode(first.header(InvokerApi.LOG_RESULT)),
				StandardCharsets.UTF_8);
		assertThat(log).contains("REPORT RequestId: " + first.requestId()).doesNotContain("Init Duration");
		assertThat(this.pool.liveEnvironments(function)).as("no on-demand environment was needed").isEqualTo(2);

		this.pool.provision(function, 0);
	}

	@Test
	void removingTheConfigurationStopsTheEnvironments() {
		FunctionVersionConfig function = publish("pc-removed");
		this.pool.provision(function, 2);
		await().atMost(WAIT).until(() -> this.pool.provisionedReady(function) == 2);

		this.pool.provisionExactly(Map.of());

		await().atMost(WAIT).until(() -> this.pool.liveEnvironments(function) == 0);
		assertThat(this.pool.provisionedReady(function)).isZero();
	}

	@Test
	void aProvisionedEnvironmentThatDiesIsReplaced() {
		FunctionVersionConfig function = publish("pc-replaced");
		this.pool.provision(function, 1);
		await().atMost(WAIT).until(() -> this.pool.provisionedReady(function) == 1);
		long firstPid = invokeWithTail(function, "{}").json().get("pid").asLong();

		Invoked crashed = invokeWithTail(function, "{\"action\": \"exit\"}");
		assertThat(crashed.header(InvokerApi.FUNCTION_ERROR)).isEqualTo(InvokerApi.UNHANDLED);

		await().atMost(WAIT).until(() -> this.pool.provisionedReady(function) == 1);
		Invoked next = invokeWithTail(function, "{}");
		JsonNode answer = next.json();
		assertThat(answer.get("pid").asLong()).as("a new environment").isNotEqualTo(firstPid);
		assertThat(answer.get("initialisationType").asString()).isEqualTo("provisioned-concurrency");
		assertThat(answer.get("served").asInt()).isEqualTo(1);
		assertThat(new String(Base64.getDecoder().decode(next.header(InvokerApi.LOG_RESULT)), StandardCharsets.UTF_8))
			.doesNotContain("Init Duration");

		this.pool.provision(function, 0);
	}

	@Test
	void theFeedsConfigurationsKeepEnvironmentsReadyAddingUpAVersionAndItsAliases() {
		FunctionVersionConfig function = publish("pc-feed");
		ProvisionedConcurrencyConfig onVersion = new ProvisionedConcurrencyConfig(NAMESPACE, function.functionName(),
				"1", "1", 1);
		ProvisionedConcurrencyConfig onAlias = new ProvisionedConcurrencyConfig(NAMESPACE, function.functionName(),
				"live", "1", 1);

		CONTROL_PLANE.put(onVersion);
		CONTROL_PLANE.put(onAlias);
		await().atMost(WAIT).until(() -> this.pool.provisionedReady(function) == 2);
		assertThat(this.pool.idle(function)).as("ready environments are warm").isEqualTo(2);

		Invoked invoked = invokeWithTail(function, "{}");
		assertThat(invoked.json().get("initialisationType").asString()).isEqualTo("provisioned-concurrency");
		assertThat(invoked.header(WarmthReport.HEADER)).as("the environment that answered is about to be idle again")
			.isEqualTo("2");

		CONTROL_PLANE.remove(ResourceKind.PROVISIONED_CONCURRENCY, onAlias.key());
		await().atMost(WAIT).until(() -> this.pool.liveEnvironments(function) == 1);
		assertThat(this.pool.provisionedReady(function)).isEqualTo(1);

		CONTROL_PLANE.remove(ResourceKind.PROVISIONED_CONCURRENCY, onVersion.key());
		await().atMost(WAIT).until(() -> this.pool.liveEnvironments(function) == 0);
	}

	private Invoked invokeWithTail(FunctionVersionConfig function, String payload) {
		return invoke(function, payload.getBytes(StandardCharsets.UTF_8),
				Map.of(InvokerApi.LOG_TYPE, InvokerApi.LOG_TYPE_TAIL));
	}

	/**
	 * Publishes version 1 of a new function on the control plane.
	 */
	private static FunctionVersionConfig publish(String prefix) {
		FunctionVersionConfig function = new FunctionVersionConfig(NAMESPACE, prefix + "-" + System.nanoTime(), "1",
				UUID.randomUUID().toString(), "python3.11", "app.handler", 128, 10, 512, Map.of(),
				FakeControlPlane.sha256(APP_ZIP), APP_ZIP.length);
		CONTROL_PLANE.put(function, APP_ZIP);
		return function;
	}

}
