package dev.aloft.controlplane.configfeed;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class FollowerAcknowledgementsTests {

	private final FollowerAcknowledgements acknowledgements = new FollowerAcknowledgements(new ConfigFeedProperties(
			Duration.ofSeconds(30), Duration.ofSeconds(90), Duration.ofHours(1), Duration.ofMinutes(5)));

	@Test
	void withoutFollowersAWriteDoesNotWait() throws InterruptedException {
		assertThat(this.acknowledgements.awaitAll(5)).isTrue();
	}

	@Test
	void aWriteWaitsUntilEveryFollowerHoldsIt() {
		this.acknowledgements.acknowledge("gateway-1", 4);
		this.acknowledgements.acknowledge("invoker-1", 4);
		CompletableFuture<Boolean> write = CompletableFuture.supplyAsync(this::awaitFive);

		this.acknowledgements.acknowledge("gateway-1", 5);
		assertThat(write).isNotDone();
		this.acknowledgements.acknowledge("invoker-1", 5);

		await().until(write::isDone);
		assertThat(write.join()).isTrue();
	}

	@Test
	void aFollowerThatNeverAnswersDelaysAWriteOnlyUntilThePropagationWait() throws InterruptedException {
		FollowerAcknowledgements shortWait = new FollowerAcknowledgements(new ConfigFeedProperties(
				Duration.ofMillis(50), Duration.ofSeconds(90), Duration.ofHours(1), Duration.ofMinutes(5)));
		shortWait.acknowledge("stuck", 1);

		assertThat(shortWait.awaitAll(2)).isFalse();
	}

	@Test
	void configurationRejectsAnExpiryShorterThanALongPoll() {
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> new ConfigFeedProperties(Duration.ofSeconds(1), Duration.ofSeconds(30),
					Duration.ofHours(1), Duration.ofMinutes(5)));
	}

	private boolean awaitFive() {
		try {
			return this.acknowledgements.awaitAll(5);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
