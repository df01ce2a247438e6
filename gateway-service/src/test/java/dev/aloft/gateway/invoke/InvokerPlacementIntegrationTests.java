package dev.aloft.gateway.invoke;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.aloft.contracts.config.FunctionVersionConfig;
import dev.aloft.contracts.invoke.InvokerApi;
import dev.aloft.gateway.fakes.Answer;
import dev.aloft.gateway.fakes.FakeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Placement (issue 5, point 7) against two fake invokers: warm invokers first, cold
 * starts spread by calls in flight, unhealthy invokers set aside and brought back by the
 * readiness probe, and the rule that only an invocation that cannot have started moves to
 * another invoker.
 */
class InvokerPlacementIntegrationTests {

	private static final FunctionVersionConfig HELLO = new FunctionVersionConfig("default", "hello",
			FunctionVersionConfig.LATEST, "rev-1", "python3.12", "app.handler", 128, 3, 512, Map.of(), "0".repeat(64),
			1234);

	private static final Duration PATIENCE = Duration.ofSeconds(10);

	private final FakeService first = FakeService.start();

	private final FakeService second = FakeService.start();

	private final ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();

	private final CountDownLatch release = new CountDownLatch(1);

	private InvokerClient client;

	@BeforeEach
	void connect() {
		this.client = client(this.first.uri(), this.second.uri());
	}

	@AfterEach
	void close() {
		this.release.countDown();
		this.callers.shutdownNow();
		this.client.close();
		this.first.close();
		this.second.close();
	}

	@Test
	void invokerHoldingIdleWarmEnvironmentsIsPreferred() throws Exception {
		answerEverywhere(warm(1));

		for (int i = 0; i < 6; i++) {
			assertThat(invoke().ran()).isTrue();
		}

		// The first call was a cold start somewhere; every later one went where it was
		// warm, although round robin would have alternated.
		assertThat(List.of(this.first.requests().size(), this.second.requests().size())).containsExactlyInAnyOrder(6,
				0);
	}

	@Test
	void coldStartsSpreadOverTheLeastBusyInvokers() throws Exception {
		answerEverywhere(Answer.holdUntil(this.release));

		List<Future<InvokeReply>> calls = new ArrayList<>();
		for (int i = 1; i <= 4; i++) {
			calls.add(this.callers.submit(this::invoke));
			int received = i;
			await().atMost(PATIENCE).until(() -> received() == received);
		}
		this.release.countDown();

		assertThat(this.first.requests()).hasSize(2);
		assertThat(this.second.requests()).hasSize(2);
		for (Future<InvokeReply> call : calls) {
			assertThat(call.get().ran()).isTrue();
		}
	}

	@Test
	void burstBeyondTheIdleWarmEnvironmentsSpillsToTheLeastBusyInvoker() throws Exception {
		answerEverywhere(warm(1));
		invoke();
		FakeService warm = (this.first.requests().size() == 1) ? this.first : this.second;
		FakeService cold = (warm == this.first) ? this.second : this.first;
		warm.reset(Answer.holdUntil(this.release));
		cold.reset(Answer.holdUntil(this.release));

		Future<InvokeReply> one = this.callers.submit(this::invoke);
		await().atMost(PATIENCE).until(() -> warm.requests().size() == 1);
		Future<InvokeReply> two = this.callers.submit(this::invoke);
		await().atMost(PATIENCE).until(() -> received() == 2);
		this.release.countDown();

		// The one idle environment took the first call; the second would only have
		// queued behind it, so it went to the other invoker.
		assertThat(warm.requests()).hasSize(1);
		assertThat(cold.requests()).hasSize(1);
		assertThat(one.get().ran()).isTrue();
		assertThat(two.get().ran()).isTrue();
	}

	@Test
	void unhealthyInvokerIsAvoidedUntilTheProbeFindsItReady() throws Exception {
		this.first.answer(Answer.problem(503));
		this.first.ready(false);

		for (int i = 0; i < 6; i++) {
			assertThat(invoke().ran()).isTrue();
		}

		// Its 503 set it aside at once (and did not start the function, so the call moved
		// on); later calls never went there, though its back-off ended meanwhile: only a
		// ready probe brings it back.
		assertThat(this.first.requests()).hasSize(1);
		assertThat(this.second.requests()).hasSize(6);
		assertThat(this.client.healthyInvokers()).containsExactly(this.second.uri());
		await().atMost(PATIENCE).until(() -> this.first.probes() >= 2);
		invoke();
		assertThat(this.first.requests()).hasSize(1);

		this.first.reset(Answer.success("{}"));
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(this.client.healthyInvokers()).containsExactly(this.first.uri(),
					this.second.uri()));

		invoke();
		invoke();
		assertThat(this.first.requests()).hasSize(1);
	}

	@Test
	void unreachableInvokerIsSetAside() throws Exception {
		URI closed = closedPort();
		this.client.close();
		this.client = client(closed, this.second.uri());

		for (int i = 0; i < 4; i++) {
			assertThat(invoke().ran()).isTrue();
		}

		assertThat(this.second.requests()).hasSize(4);
		assertThat(this.client.healthyInvokers()).containsExactly(this.second.uri());
	}

	@Test
	void invocationLostAfterItWasSentIsNeverRunAgain() throws Exception {
		answerEverywhere(Answer.hangUp());

		InvokeReply reply = invoke();

		assertThat(reply.isInvokerLost()).isTrue();
		assertThat(reply.status()).isEqualTo(502);
		assertThat(received()).isEqualTo(1);
	}

	@Test
	void invocationLostOnOneInvokerIsNotRetriedOnTheOther() throws Exception {
		this.first.answer(Answer.hangUp());

		// Round robin among equals: one of two calls in a row tries the first invoker
		// first.
		List<InvokeReply> replies = List.of(invoke(), invoke());

		assertThat(replies).extracting(InvokeReply::status).containsExactlyInAnyOrder(200, 502);
		assertThat(replies).filteredOn(InvokeReply::isInvokerLost).hasSize(1);
		assertThat(this.first.requests()).hasSize(1);
		assertThat(this.second.requests()).hasSize(1);
		assertThat(this.second.requests().get(0).header(InvokerApi.REQUEST_ID))
			.isNotEqualTo(this.first.requests().get(0).header(InvokerApi.REQUEST_ID));
	}

	@Test
	void whenEveryInvokerIsDownEachIsTriedOncePerCall() throws Exception {
		answerEverywhere(Answer.problem(503));
		this.first.ready(false);
		this.second.ready(false);

		InvokeReply one = invoke();
		InvokeReply two = invoke();

		assertThat(one.status()).isEqualTo(503);
		assertThat(two.status()).isEqualTo(503);
		assertThat(this.first.requests()).hasSize(2);
		assertThat(this.second.requests()).hasSize(2);
		assertThat(this.client.healthyInvokers()).isEmpty();
	}

	@Test
	void whenNoInvokerIsReachableTheCallFailsAfterOneAttemptEach() throws Exception {
		this.client.close();
		this.client = client(closedPort(), closedPort());

		InvokeReply reply = invoke();

		assertThat(reply.status()).isEqualTo(503);
		assertThat(new String(reply.body(), StandardCharsets.UTF_8)).isEqualTo("No invoker is reachable");
		assertThat(this.client.healthyInvokers()).isEmpty();
	}

	private InvokeReply invoke() throws InterruptedException {
		return this.client.invoke(HELLO, 1, new InvokeCall(UUID.randomUUID().toString(),
				"{}".getBytes(StandardCharsets.UTF_8), "application/json", "arn", null, null, false, "test"));
	}

	private int received() {
		return this.first.requests().size() + this.second.requests().size();
	}

	private void answerEverywhere(Answer answer) {
		this.first.answer(answer);
		this.second.answer(answer);
	}

	/**
	 * A successful call, after which the invoker holds {@code idle} idle warm
	 * environments of the version.
	 */
	private static Answer warm(int idle) {
		return (exchange) -> {
			exchange.getResponseHeaders().set(InvokerClient.WARM_ENVIRONMENTS, Integer.toString(idle));
			Answer.success("{}").send(exchange);
		};
	}

	private static InvokerClient client(URI... invokers) {
		return new InvokerClient(new InvokersProperties(List.of(invokers), Duration.ofSeconds(2),
				Duration.ofMillis(500), Duration.ofSeconds(60),
				new InvokersProperties.Health(Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofMillis(20))));
	}

	private static URI closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return URI.create("http://127.0.0.1:" + socket.getLocalPort());
		}
	}

}
