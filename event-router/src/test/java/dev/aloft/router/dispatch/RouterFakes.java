package dev.aloft.router.dispatch;

import java.util.List;
import java.util.Map;

import dev.aloft.contracts.config.AliasConfig;
import dev.aloft.contracts.config.ConfigResource;
import dev.aloft.contracts.config.EventInvokeConfig;
import dev.aloft.contracts.config.FunctionConcurrencyConfig;
import dev.aloft.contracts.config.FunctionVersionConfig;
import org.jspecify.annotations.Nullable;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The router's neighbours, faked: the control plane's feed, an invoker and a webhook
 * server; and builders for the configuration the tests publish (namespace
 * {@value #NAMESPACE}).
 */
public final class RouterFakes {

	public static final String NAMESPACE = "default";

	static final String ACCOUNT_ARN = "arn:aws:lambda:us-east-1:000000000000:function:";

	public final FakeControlPlane controlPlane = FakeControlPlane.start(1, List.of());

	public final FakeInvoker invoker = FakeInvoker.start();

	final FakeWebhook webhook = FakeWebhook.start();

	public void register(DynamicPropertyRegistry registry) {
		registry.add("aloft.event-router.control-plane.url", () -> this.controlPlane.uri().toString());
		registry.add("aloft.event-router.invokers.urls", () -> this.invoker.uri().toString());
	}

	/**
	 * Publishes a function's {@code $LATEST} (and any other resources).
	 * @return the new revision
	 */
	public long publishFunction(String function, ConfigResource... more) {
		ConfigResource[] all = new ConfigResource[more.length + 1];
		all[0] = version(function, FunctionVersionConfig.LATEST);
		System.arraycopy(more, 0, all, 1, more.length);
		return this.controlPlane.publish(all);
	}

	public static FunctionVersionConfig version(String function, String version) {
		return new FunctionVersionConfig(NAMESPACE, function, version, "revision-" + version, "python3.11",
				"app.handler", 128, 3, 512, Map.of(), "0".repeat(64), 1);
	}

	static EventInvokeConfig eventInvoke(String function, int maximumRetryAttempts, int maximumEventAgeSeconds,
			@Nullable String onSuccess, @Nullable String onFailure) {
		return new EventInvokeConfig(NAMESPACE, function, FunctionVersionConfig.LATEST, maximumRetryAttempts,
				maximumEventAgeSeconds, onSuccess, onFailure);
	}

	static FunctionConcurrencyConfig reserved(String function, int reservedConcurrency) {
		return new FunctionConcurrencyConfig(NAMESPACE, function, reservedConcurrency);
	}

	static AliasConfig alias(String function, String name, String version) {
		return new AliasConfig(NAMESPACE, function, name, version, null, 0, "alias-revision");
	}

	public static String arn(String function) {
		return ACCOUNT_ARN + function;
	}

	public void close() {
		this.controlPlane.close();
		this.invoker.close();
		this.webhook.close();
	}

}
