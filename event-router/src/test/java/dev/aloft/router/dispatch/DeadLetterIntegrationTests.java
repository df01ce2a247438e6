package dev.aloft.router.dispatch;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import dev.aloft.router.dispatch.FakeInvoker.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dead-letter store over HTTP: list with filters and cursor paging, inspect with the
 * payload, redrive into the queue, discard.
 */
@RouterIntegrationTest
class DeadLetterIntegrationTests {

	static final RouterFakes fakes = new RouterFakes();

	@LocalServerPort
	int port;

	RouterClient router;

	@DynamicPropertySource
	static void fakes(DynamicPropertyRegistry registry) {
		fakes.register(registry);
	}

	@AfterAll
	static void stopFakes() {
		fakes.close();
	}

	@BeforeEach
	void connect() {
		this.router = new RouterClient(this.port);
	}

	@Test
	void listsInspectsRedrivesAndDiscardsDeadLetters() {
		fakes.invoker.answer("doomed", Answer.functionError("Runtime.ExitError",
				"{\"errorMessage\":\"exit 1\",\"errorType\":\"Runtime.ExitError\"}"));
		long revision = fakes.publishFunction("doomed", RouterFakes.eventInvoke("doomed", 0, 3600, null, null));
		List<UUID> ids = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			UUID id = this.router.accepted("doomed", "{\"n\":" + i + "}", revision);
			this.router.awaitState(id, "DEAD");
			ids.add(id);
		}

		JsonNode first = page("?namespace=default&function=doomed&limit=2");
		assertThat(first.get("items")).hasSize(2);
		JsonNode second = page(
				"?namespace=default&function=doomed&limit=2&pageToken=" + first.get("nextPageToken").asString());
		assertThat(second.get("items")).hasSize(1);
		assertThat(second.get("nextPageToken").isNull()).isTrue();
		List<String> listed = new ArrayList<>();
		first.get("items").forEach((item) -> listed.add(item.get("id").asString()));
		second.get("items").forEach((item) -> listed.add(item.get("id").asString()));
		assertThat(listed).containsExactlyInAnyOrderElementsOf(ids.stream().map(UUID::toString).toList());
		assertThat(first.get("items").get(0).has("payloadBase64")).isFalse();

		JsonNode inspected = RouterClient.json(this.router.get("/internal/v1/dead-letters/" + ids.get(0)).body());
		assertThat(inspected.get("reason").asString()).isEqualTo("RetriesExhausted");
		assertThat(inspected.get("attempts").asInt()).isEqualTo(1);
		assertThat(inspected.get("lastError").asString()).contains("Runtime.ExitError");
		assertThat(inspected.get("function").asString()).isEqualTo("doomed");
		assertThat(inspected.get("kind").asString()).isEqualTo("INVOCATION");
		assertThat(inspected.get("enqueuedAt").asString()).isNotBlank();
		assertThat(inspected.get("deadLetteredAt").asString()).isNotBlank();
		assertThat(new String(Base64.getDecoder().decode(inspected.get("payloadBase64").asString()),
				StandardCharsets.UTF_8))
			.isEqualTo("{\"n\":0}");

		fakes.invoker.answer("doomed", Answer.success("{}"));
		HttpResponse<String> redriven = this.router.post("/internal/v1/dead-letters/" + ids.get(0) + "/redrive");
		assertThat(redriven.statusCode()).isEqualTo(202);
		assertThat(redriven.headers().firstValue("Location")).hasValue("/internal/v1/async-invocations/" + ids.get(0));
		JsonNode succeeded = this.router.awaitState(ids.get(0), "SUCCEEDED");
		assertThat(succeeded.get("attempts").asInt()).isEqualTo(1);
		assertThat(fakes.invoker.requestsFor(ids.get(0).toString())).hasSize(2);
		assertThat(this.router.get("/internal/v1/dead-letters/" + ids.get(0)).statusCode()).isEqualTo(404);

		assertThat(this.router.delete("/internal/v1/dead-letters/" + ids.get(1)).statusCode()).isEqualTo(204);
		assertThat(this.router.get("/internal/v1/dead-letters/" + ids.get(1)).statusCode()).isEqualTo(404);
		assertThat(this.router.get("/internal/v1/async-invocations/" + ids.get(1)).statusCode()).isEqualTo(404);

		JsonNode remaining = page("?function=doomed");
		assertThat(remaining.get("items")).singleElement()
			.satisfies((item) -> assertThat(item.get("id").asString()).isEqualTo(ids.get(2).toString()));
	}

	@Test
	void answersUnknownDeadLettersAndBadPageTokensWithProblems() {
		UUID unknown = UUID.randomUUID();

		HttpResponse<String> redrive = this.router.post("/internal/v1/dead-letters/" + unknown + "/redrive");
		HttpResponse<String> discard = this.router.delete("/internal/v1/dead-letters/" + unknown);
		HttpResponse<String> badToken = this.router.get("/internal/v1/dead-letters?pageToken=not-a-token");
		HttpResponse<String> badLimit = this.router.get("/internal/v1/dead-letters?limit=0");

		assertThat(redrive.statusCode()).isEqualTo(404);
		assertThat(RouterClient.json(redrive.body()).get("code").asString()).isEqualTo("DEAD_LETTER_NOT_FOUND");
		assertThat(discard.statusCode()).isEqualTo(404);
		assertThat(badToken.statusCode()).isEqualTo(400);
		assertThat(RouterClient.json(badToken.body()).get("code").asString()).isEqualTo("VALIDATION_FAILED");
		assertThat(badLimit.statusCode()).isEqualTo(400);
	}

	private JsonNode page(String query) {
		HttpResponse<String> response = this.router.get("/internal/v1/dead-letters" + query);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return RouterClient.json(response.body());
	}

}
