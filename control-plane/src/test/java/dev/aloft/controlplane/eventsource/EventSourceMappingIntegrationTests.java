package dev.aloft.controlplane.eventsource;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import dev.aloft.contracts.config.ConfigResource;
import dev.aloft.contracts.config.EventSourceMappingConfig;
import dev.aloft.contracts.config.EventSourceMappingConfig.SourceType;
import dev.aloft.controlplane.ControlPlaneClient;
import dev.aloft.controlplane.TriggerTestSupport;
import dev.aloft.testsupport.PostgresTestDatabaseInitializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ContextConfiguration;

import static dev.aloft.controlplane.ControlPlaneClient.assertProblem;
import static dev.aloft.controlplane.TriggerTestSupport.feedResource;
import static dev.aloft.controlplane.TriggerTestSupport.listIds;
import static dev.aloft.controlplane.TriggerTestSupport.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event-source mappings API over HTTP on a real database: Lambda's defaults and rules
 * for SQS, RabbitMQ and Kafka sources, one mapping per source and function, optimistic
 * replaces, the records on the feed, and namespaces that see only their own mappings.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = PostgresTestDatabaseInitializer.class)
class EventSourceMappingIntegrationTests {

	private static final String MAPPINGS = "/v1/namespaces/default/event-source-mappings";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** An override that removes the field from the base request. */
	private static final String REMOVE = "<remove>";

	private static final String PATTERN = "{\"body\":{\"type\":[\"order\"]}}";

	@LocalServerPort
	private int port;

	private ControlPlaneClient client;

	private String function;

	private String queueArn;

	@BeforeEach
	void setUp() {
		this.client = new ControlPlaneClient(this.port);
		this.function = uniqueName("esm");
		TriggerTestSupport.createFunctionWithAlias(this.client, "default", this.function);
		this.queueArn = "arn:aws:sqs:us-east-1:000000000000:" + uniqueName("queue");
	}

	@Test
	void createsSqsMappingWithLambdaDefaults() {
		ResponseEntity<JsonNode> response = this.client.post(MAPPINGS, sqs(this.function, this.queueArn));

		assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(HttpStatus.CREATED);
		JsonNode mapping = response.getBody();
		String id = mapping.get("id").asString();
		assertThat(UUID.fromString(id)).isNotNull();
		assertThat(response.getHeaders().getLocation())
			.hasToString("http://localhost:" + this.port + MAPPINGS + "/" + id);
		assertThat(response.getHeaders().getETag()).isEqualTo("\"0\"");
		assertThat(mapping.get("namespace").asString()).isEqualTo("default");
		assertThat(mapping.get("function").asString()).isEqualTo(this.function);
		assertThat(mapping.get("qualifier").asString()).isEqualTo("$LATEST");
		assertThat(mapping.get("sourceType").asString()).isEqualTo("SQS");
		assertThat(mapping.get("eventSourceArn").asString()).isEqualTo(this.queueArn);
		assertThat(mapping.get("endpoints")).isEmpty();
		assertThat(mapping.get("topics")).isEmpty();
		assertThat(mapping.get("queues")).isEmpty();
		assertThat(mapping.get("enabled").asBoolean()).isTrue();
		assertThat(mapping.get("state").asString()).isEqualTo("Enabled");
		assertThat(mapping.get("batchSize").asInt()).isEqualTo(10);
		assertThat(mapping.get("maximumBatchingWindowSeconds").asInt()).isZero();
		assertThat(mapping.get("reportBatchItemFailures").asBoolean()).isFalse();
		assertThat(mapping.get("bisectBatchOnFunctionError").asBoolean()).isFalse();
		assertThat(mapping.get("maximumRetryAttempts").asInt()).isEqualTo(-1);
		assertThat(mapping.get("maximumRecordAgeSeconds").asInt()).isEqualTo(-1);
		assertThat(mapping.get("filterPatterns")).isEmpty();
		assertThat(mapping.has("startingPosition")).isFalse();
		assertThat(mapping.has("maximumConcurrency")).isFalse();
		assertThat(mapping.has("onFailureDestination")).isFalse();
		assertThat(mapping.has("entityVersion")).isFalse();
		Instant createdAt = Instant.parse(mapping.get("createdAt").asString());
		assertThat(createdAt).isBefore(Instant.now().plusSeconds(5));
		assertThat(mapping.get("updatedAt").asString()).isEqualTo(mapping.get("createdAt").asString());

		ResponseEntity<JsonNode> read = this.client.get(MAPPINGS + "/{id}", id);
		assertThat(read.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(read.getBody()).isEqualTo(mapping);
		assertThat(read.getHeaders().getETag()).isEqualTo("\"0\"");
		assertThat(listIds(this.client, MAPPINGS)).contains(id);
		assertThat(feed(id)).isEqualTo(new EventSourceMappingConfig(id, "default", this.function, "$LATEST",
				SourceType.SQS, this.queueArn, List.of(), List.of(), List.of(), true, 10, 0, null, null, false, false,
				-1, -1, null, null, List.of()));
		assertThat(feedResource(this.client, "EVENT_SOURCE_MAPPING", "id", id).orElseThrow().get("kind").asString())
			.isEqualTo("EVENT_SOURCE_MAPPING");
	}

	@Test
	void createsSqsMappingWithEveryOption() {
		Map<String, Object> request = sqs(this.function, this.queueArn);
		request.put("qualifier", "1");
		request.put("endpoints", List.of("http://localhost:9324"));
		request.put("batchSize", 100);
		request.put("maximumBatchingWindowSeconds", 5);
		request.put("reportBatchItemFailures", true);
		request.put("maximumConcurrency", 5);
		request.put("filterPatterns", List.of(PATTERN));
		request.put("enabled", false);

		JsonNode mapping = created(request);

		assertThat(mapping.get("state").asString()).isEqualTo("Disabled");
		String id = mapping.get("id").asString();
		assertThat(feed(id)).isEqualTo(new EventSourceMappingConfig(id, "default", this.function, "1", SourceType.SQS,
				this.queueArn, List.of("http://localhost:9324"), List.of(), List.of(), false, 100, 5, null, null, true,
				false, -1, -1, null, 5, List.of(PATTERN)));
	}

	@Test
	void createsKafkaMappingWithLambdaDefaults() {
		String topic = uniqueName("orders");

		JsonNode mapping = created(kafka(this.function, topic));

		String id = mapping.get("id").asString();
		assertThat(mapping.get("batchSize").asInt()).isEqualTo(100);
		assertThat(mapping.get("maximumBatchingWindowSeconds").asInt()).as("500 ms, rounded up").isEqualTo(1);
		assertThat(mapping.get("startingPosition").asString()).isEqualTo("TRIM_HORIZON");
		assertThat(mapping.has("eventSourceArn")).isFalse();
		assertThat(feed(id)).isEqualTo(new EventSourceMappingConfig(id, "default", this.function, "$LATEST",
				SourceType.KAFKA, null, List.of("localhost:9092"), List.of(topic), List.of(), true, 100, 1,
				"TRIM_HORIZON", null, false, false, -1, -1, null, null, List.of()));
	}

	@Test
	void createsKafkaMappingWithEveryOption() {
		String topic = uniqueName("payments");
		Map<String, Object> request = kafka(this.function, topic);
		request.put("qualifier", "live");
		request.put("endpoints", List.of("broker-1.example.com:9092", "[::1]:9093"));
		request.put("startingPosition", "AT_TIMESTAMP");
		request.put("startingPositionTimestamp", 1700000000L);
		request.put("batchSize", 500);
		request.put("maximumBatchingWindowSeconds", 0);
		request.put("reportBatchItemFailures", true);
		request.put("bisectBatchOnFunctionError", true);
		request.put("maximumRetryAttempts", 3);
		request.put("maximumRecordAgeSeconds", 3600);
		request.put("onFailureDestination", "arn:aws:sqs:us-east-1:000000000000:dead-letters");
		request.put("filterPatterns", List.of(PATTERN, "{\"value\":{\"amount\":[{\"numeric\":[\">\",100]}]}}"));

		JsonNode mapping = created(request);

		String id = mapping.get("id").asString();
		assertThat(feed(id))
			.isEqualTo(new EventSourceMappingConfig(id, "default", this.function, "live", SourceType.KAFKA, null,
					List.of("broker-1.example.com:9092", "[::1]:9093"), List.of(topic), List.of(), true, 500, 0,
					"AT_TIMESTAMP", 1700000000L, true, true, 3, 3600, "arn:aws:sqs:us-east-1:000000000000:dead-letters",
					null, List.of(PATTERN, "{\"value\":{\"amount\":[{\"numeric\":[\">\",100]}]}}")));
	}

	@Test
	void createsRabbitMqMappingWithoutStoredCredentials() {
		String queue = uniqueName("jobs");

		JsonNode mapping = created(rabbitMq(this.function, queue));

		String id = mapping.get("id").asString();
		assertThat(feed(id)).isEqualTo(new EventSourceMappingConfig(id, "default", this.function, "$LATEST",
				SourceType.RABBITMQ, null, List.of("amqps://rabbit.example.com:5671/aloft"), List.of(), List.of(queue),
				true, 100, 1, null, null, false, false, -1, -1, null, null, List.of()));
	}

	@Test
	void acceptsLargeSqsBatchesWithABatchingWindow() {
		Map<String, Object> request = sqs(this.function, this.queueArn);
		request.put("batchSize", 10000);
		request.put("maximumBatchingWindowSeconds", 1);

		assertThat(created(request).get("batchSize").asInt()).isEqualTo(10000);
	}

	static Stream<Arguments> invalidRequests() {
		String fifo = "arn:aws:sqs:us-east-1:000000000000:orders.fifo";
		return Stream.of(invalid("SQS batch over 10 without a window", "sqs", Map.of("batchSize", 11), "/batchSize",
				"Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10"),
				invalid("SQS FIFO batch over 10", "sqs",
						Map.of("eventSourceArn", fifo, "batchSize", 11, "maximumBatchingWindowSeconds", 5),
						"/batchSize", "FIFO"),
				invalid("batch size 0", "sqs", Map.of("batchSize", 0), "/batchSize", ""),
				invalid("batch size over 10000", "kafka", Map.of("batchSize", 10001), "/batchSize", ""),
				invalid("window over 300 s", "sqs", Map.of("maximumBatchingWindowSeconds", 301),
						"/maximumBatchingWindowSeconds", ""),
				invalid("negative window", "kafka", Map.of("maximumBatchingWindowSeconds", -1),
						"/maximumBatchingWindowSeconds", ""),
				invalid("SQS on-failure destination", "sqs",
						Map.of("onFailureDestination", "arn:aws:sqs:us-east-1:000000000000:dlq"),
						"/onFailureDestination",
						"Unsupported DestinationConfig parameter for given event source mapping type."),
				invalid("SQS bisect", "sqs", Map.of("bisectBatchOnFunctionError", true), "/bisectBatchOnFunctionError",
						"Unsupported bisectBatchOnFunctionError parameter"),
				invalid("SQS retry attempts", "sqs", Map.of("maximumRetryAttempts", 3), "/maximumRetryAttempts",
						"Unsupported maximumRetryAttempts parameter"),
				invalid("SQS record age", "sqs", Map.of("maximumRecordAgeSeconds", 60), "/maximumRecordAgeSeconds",
						"Unsupported maximumRecordAgeSeconds parameter"),
				invalid("SQS starting position", "sqs", Map.of("startingPosition", "LATEST"), "/startingPosition",
						"Unsupported startingPosition parameter"),
				invalid("maximum concurrency 1", "sqs", Map.of("maximumConcurrency", 1), "/maximumConcurrency", ""),
				invalid("maximum concurrency 1001", "sqs", Map.of("maximumConcurrency", 1001), "/maximumConcurrency",
						""),
				invalid("SQS without ARN", "sqs", Map.of("eventSourceArn", REMOVE), "/eventSourceArn",
						"needs eventSourceArn"),
				invalid("SQS with an SNS ARN", "sqs",
						Map.of("eventSourceArn", "arn:aws:sns:us-east-1:000000000000:topic"), "/eventSourceArn",
						"is not an SQS queue ARN"),
				invalid("SQS endpoint not http", "sqs", Map.of("endpoints", List.of("ftp://localhost:9324")),
						"/endpoints/0", "http(s) URL"),
				invalid("SQS with two endpoints", "sqs",
						Map.of("endpoints", List.of("http://a.example.com", "http://b.example.com")), "/endpoints",
						"at most one endpoint"),
				invalid("SQS with queues", "sqs", Map.of("queues", List.of("q")), "/queues", ""),
				invalid("filter pattern not JSON", "sqs", Map.of("filterPatterns", List.of("not json")),
						"/filterPatterns/0", "must be a JSON object"),
				invalid("filter pattern an array", "sqs", Map.of("filterPatterns", List.of(PATTERN, "[1,2]")),
						"/filterPatterns/1", "must be a JSON object"),
				invalid("filter pattern over 4096 characters", "sqs",
						Map.of("filterPatterns", List.of("{\"body\":\"" + "x".repeat(4090) + "\"}")),
						"/filterPatterns/0", ""),
				invalid("six filter patterns", "sqs",
						Map.of("filterPatterns", List.of("{}", "{}", "{}", "{}", "{}", "{}")), "/filterPatterns", ""),
				invalid("missing qualifier", "sqs", Map.of("qualifier", "nope"), "/qualifier",
						"has no version or alias nope"),
				invalid("missing version", "sqs", Map.of("qualifier", "7"), "/qualifier", "has no version or alias 7"),
				invalid("no source type", "sqs", Map.of("sourceType", REMOVE), "/sourceType", ""),
				invalid("no function", "sqs", Map.of("function", REMOVE), "/function", ""),
				invalid("Kafka without starting position", "kafka", Map.of("startingPosition", REMOVE),
						"/startingPosition", "needs startingPosition"),
				invalid("AT_TIMESTAMP without timestamp", "kafka", Map.of("startingPosition", "AT_TIMESTAMP"),
						"/startingPositionTimestamp", "needs startingPositionTimestamp"),
				invalid("timestamp without AT_TIMESTAMP", "kafka", Map.of("startingPositionTimestamp", 1700000000),
						"/startingPositionTimestamp", "AT_TIMESTAMP only"),
				invalid("retry attempts -2", "kafka", Map.of("maximumRetryAttempts", -2), "/maximumRetryAttempts", ""),
				invalid("retry attempts 10001", "kafka", Map.of("maximumRetryAttempts", 10001), "/maximumRetryAttempts",
						""),
				invalid("record age 59 s", "kafka", Map.of("maximumRecordAgeSeconds", 59), "/maximumRecordAgeSeconds",
						"-1 (no limit) or between 60 and 604800"),
				invalid("record age 0", "kafka", Map.of("maximumRecordAgeSeconds", 0), "/maximumRecordAgeSeconds", ""),
				invalid("record age over a week", "kafka", Map.of("maximumRecordAgeSeconds", 604801),
						"/maximumRecordAgeSeconds", ""),
				invalid("Kafka destination not an ARN", "kafka", Map.of("onFailureDestination", "http://dlq"),
						"/onFailureDestination", "is invalid"),
				invalid("Kafka maximum concurrency", "kafka", Map.of("maximumConcurrency", 5), "/maximumConcurrency",
						"Unsupported maximumConcurrency parameter"),
				invalid("Kafka server without port", "kafka", Map.of("endpoints", List.of("localhost")), "/endpoints/0",
						"host:port"),
				invalid("Kafka server on port 0", "kafka", Map.of("endpoints", List.of("localhost:9092", "b:0")),
						"/endpoints/1", "host:port"),
				invalid("Kafka without servers", "kafka", Map.of("endpoints", List.of()), "/endpoints",
						"bootstrap servers"),
				invalid("Kafka with two topics", "kafka", Map.of("topics", List.of("a", "b")), "/topics", ""),
				invalid("Kafka without topic", "kafka", Map.of("topics", REMOVE), "/topics", "exactly one topic"),
				invalid("Kafka topic with a space", "kafka", Map.of("topics", List.of("bad topic")), "/topics/0",
						"not a valid Kafka topic name"),
				invalid("Kafka with an ARN", "kafka",
						Map.of("eventSourceArn", "arn:aws:kafka:us-east-1:000000000000:cluster/c/1"), "/eventSourceArn",
						"bootstrap servers"),
				invalid("RabbitMQ URI with a password", "rabbitmq",
						Map.of("endpoints", List.of("amqp://guest:guest@localhost:5672/")), "/endpoints/0",
						"Put no credentials in the endpoint URI"),
				invalid("RabbitMQ URI with a user", "rabbitmq",
						Map.of("endpoints", List.of("amqp://guest@localhost:5672/")), "/endpoints/0",
						"Put no credentials in the endpoint URI"),
				invalid("RabbitMQ URI not AMQP", "rabbitmq", Map.of("endpoints", List.of("http://localhost:5672/")),
						"/endpoints/0", "must be an AMQP URI"),
				invalid("RabbitMQ without queue", "rabbitmq", Map.of("queues", REMOVE), "/queues", "exactly one queue"),
				invalid("RabbitMQ partial batch responses", "rabbitmq", Map.of("reportBatchItemFailures", true),
						"/reportBatchItemFailures", "Unsupported reportBatchItemFailures parameter"),
				invalid("RabbitMQ starting position", "rabbitmq", Map.of("startingPosition", "LATEST"),
						"/startingPosition", "Unsupported startingPosition parameter"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("invalidRequests")
	void rejectsInvalidMappingAndChangesNothing(String description, String base, Map<String, Object> overrides,
			String pointer, String detail) {
		List<String> before = listIds(this.client, MAPPINGS);
		long revision = this.client.revision();

		ResponseEntity<JsonNode> response = this.client.post(MAPPINGS, request(base, overrides));

		JsonNode problem = assertProblem(response, HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");
		assertThat(problem.get("detail").asString()).contains(detail);
		assertThat(problem.get("errors").valueStream().map((error) -> error.get("pointer").asString()))
			.contains(pointer);
		assertThat(listIds(this.client, MAPPINGS)).isEqualTo(before);
		assertThat(this.client.revision()).isEqualTo(revision);
	}

	@Test
	void rejectsUnreadableMappingsAndMissingTargets() {
		List<String> before = listIds(this.client, MAPPINGS);
		long revision = this.client.revision();

		assertProblem(this.client.post(MAPPINGS, request("sqs", Map.of("sourceType", "KINESIS"))),
				HttpStatus.BAD_REQUEST, "MALFORMED_REQUEST");
		assertProblem(this.client.post(MAPPINGS, request("sqs", Map.of("batchSize", "ten"))), HttpStatus.BAD_REQUEST,
				"MALFORMED_REQUEST");
		JsonNode unknown = assertProblem(this.client.post(MAPPINGS, request("sqs", Map.of("functionName", "x"))),
				HttpStatus.BAD_REQUEST, "MALFORMED_REQUEST");
		assertThat(unknown.get("errors").get(0).get("pointer").asString()).isEqualTo("/functionName");
		JsonNode missing = assertProblem(
				this.client.post(MAPPINGS, request("sqs", Map.of("function", "no-such-function"))),
				HttpStatus.NOT_FOUND, "FUNCTION_NOT_FOUND");
		assertThat(missing.get("detail").asString()).contains("no-such-function");
		assertProblem(
				this.client.post("/v1/namespaces/no-such-namespace/event-source-mappings", request("sqs", Map.of())),
				HttpStatus.NOT_FOUND, "NAMESPACE_NOT_FOUND");
		assertThat(listIds(this.client, MAPPINGS)).isEqualTo(before);
		assertThat(this.client.revision()).isEqualTo(revision);
	}

	@Test
	void rejectsASecondMappingOfTheSameSourceToTheSameFunction() {
		String id = created(sqs(this.function, this.queueArn)).get("id").asString();
		List<String> before = listIds(this.client, MAPPINGS);
		long revision = this.client.revision();

		JsonNode problem = assertProblem(this.client.post(MAPPINGS, sqs(this.function, this.queueArn)),
				HttpStatus.CONFLICT, "EVENT_SOURCE_MAPPING_EXISTS");
		assertThat(problem.get("detail").asString()).isEqualTo(
				"An event source mapping with SQS arn (\" " + this.queueArn + " \") and function (\" " + this.function
						+ " \") already exists. Please update or delete the existing mapping with UUID " + id);
		Map<String, Object> toAlias = sqs(this.function, this.queueArn);
		toAlias.put("qualifier", "live");
		assertProblem(this.client.post(MAPPINGS, toAlias), HttpStatus.CONFLICT, "EVENT_SOURCE_MAPPING_EXISTS");
		assertThat(listIds(this.client, MAPPINGS)).isEqualTo(before);
		assertThat(this.client.revision()).isEqualTo(revision);

		String other = uniqueName("esm-other");
		this.client.createFunction("default", other);
		assertThat(this.client.post(MAPPINGS, sqs(other, this.queueArn)).getStatusCode())
			.as("the same queue may feed another function")
			.isEqualTo(HttpStatus.CREATED);
	}

	@Test
	void kafkaSourcesAreTheSameWhateverTheOrderAndCaseOfTheirServers() {
		String topic = uniqueName("events");
		Map<String, Object> first = kafka(this.function, topic);
		first.put("endpoints", List.of("a.example.com:9092", "b.example.com:9092"));
		String id = created(first).get("id").asString();
		Map<String, Object> second = kafka(this.function, topic);
		second.put("endpoints", List.of("B.example.com:9092", "a.example.com:9092"));

		JsonNode problem = assertProblem(this.client.post(MAPPINGS, second), HttpStatus.CONFLICT,
				"EVENT_SOURCE_MAPPING_EXISTS");

		assertThat(problem.get("detail").asString()).contains("topics (\" " + topic + " \")").endsWith("UUID " + id);
		second.put("topics", List.of(topic + "-2"));
		assertThat(this.client.post(MAPPINGS, second).getStatusCode()).isEqualTo(HttpStatus.CREATED);
	}

	@Test
	void replacesAMappingOnlyWithTheCurrentETag() {
		ResponseEntity<JsonNode> created = this.client.post(MAPPINGS, sqs(this.function, this.queueArn));
		String id = created.getBody().get("id").asString();
		String path = MAPPINGS + "/" + id;
		Map<String, Object> change = sqs(this.function, this.queueArn);
		change.put("qualifier", "live");
		change.put("batchSize", 5);
		change.put("enabled", false);
		long revision = this.client.revision();

		assertProblem(this.client.put(path, null, change), HttpStatus.PRECONDITION_REQUIRED, "PRECONDITION_REQUIRED");
		assertProblem(this.client.put(path, "\"7\"", change), HttpStatus.PRECONDITION_FAILED, "PRECONDITION_FAILED");
		assertThat(this.client.revision()).isEqualTo(revision);
		assertThat(feed(id).batchSize()).isEqualTo(10);

		ResponseEntity<JsonNode> replaced = this.client.put(path, created.getHeaders().getETag(), change);

		assertThat(replaced.getStatusCode()).as("%s", replaced.getBody()).isEqualTo(HttpStatus.OK);
		assertThat(replaced.getHeaders().getETag()).isEqualTo("\"1\"");
		JsonNode mapping = replaced.getBody();
		assertThat(mapping.get("id").asString()).isEqualTo(id);
		assertThat(mapping.get("state").asString()).isEqualTo("Disabled");
		assertThat(mapping.get("qualifier").asString()).isEqualTo("live");
		assertThat(mapping.get("createdAt")).isEqualTo(created.getBody().get("createdAt"));
		assertThat(Instant.parse(mapping.get("updatedAt").asString()))
			.isAfter(Instant.parse(mapping.get("createdAt").asString()));
		assertThat(feed(id)).isEqualTo(new EventSourceMappingConfig(id, "default", this.function, "live",
				SourceType.SQS, this.queueArn, List.of(), List.of(), List.of(), false, 5, 0, null, null, false, false,
				-1, -1, null, null, List.of()));
		assertProblem(this.client.put(path, created.getHeaders().getETag(), change), HttpStatus.PRECONDITION_FAILED,
				"PRECONDITION_FAILED");
		assertThat(this.client.put(path, "*", change).getStatusCode()).isEqualTo(HttpStatus.OK);
	}

	@Test
	void keepsTheSourceOfAMapping() {
		String id = created(sqs(this.function, this.queueArn)).get("id").asString();
		String path = MAPPINGS + "/" + id;
		long revision = this.client.revision();

		JsonNode otherQueue = assertProblem(this.client.put(path, "*", sqs(this.function, this.queueArn + "-other")),
				HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");
		assertThat(otherQueue.get("errors").get(0).get("pointer").asString()).isEqualTo("/eventSourceArn");
		JsonNode otherType = assertProblem(this.client.put(path, "*", kafka(this.function, "t")),
				HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");
		assertThat(otherType.get("errors").get(0).get("pointer").asString()).isEqualTo("/sourceType");
		assertThat(this.client.revision()).isEqualTo(revision);
	}

	@Test
	void movingAMappingToAFunctionThatAlreadyReadsTheSourceConflicts() {
		String other = uniqueName("esm-other");
		this.client.createFunction("default", other);
		created(sqs(other, this.queueArn));
		String id = created(sqs(this.function, this.queueArn)).get("id").asString();

		assertProblem(this.client.put(MAPPINGS + "/" + id, "*", sqs(other, this.queueArn)), HttpStatus.CONFLICT,
				"EVENT_SOURCE_MAPPING_EXISTS");

		assertThat(feed(id).functionName()).isEqualTo(this.function);
	}

	@Test
	void deletesAMappingAndRetractsIt() {
		String id = created(sqs(this.function, this.queueArn)).get("id").asString();

		assertThat(this.client.delete(MAPPINGS + "/{id}", id).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

		assertProblem(this.client.get(MAPPINGS + "/{id}", id), HttpStatus.NOT_FOUND, "EVENT_SOURCE_MAPPING_NOT_FOUND");
		assertProblem(this.client.delete(MAPPINGS + "/{id}", id), HttpStatus.NOT_FOUND,
				"EVENT_SOURCE_MAPPING_NOT_FOUND");
		assertProblem(this.client.put(MAPPINGS + "/" + id, "*", sqs(this.function, this.queueArn)),
				HttpStatus.NOT_FOUND, "EVENT_SOURCE_MAPPING_NOT_FOUND");
		assertThat(listIds(this.client, MAPPINGS)).doesNotContain(id);
		assertThat(feedResource(this.client, "EVENT_SOURCE_MAPPING", "id", id)).isEmpty();
		assertThat(this.client.post(MAPPINGS, sqs(this.function, this.queueArn)).getStatusCode())
			.as("the source is free again")
			.isEqualTo(HttpStatus.CREATED);
	}

	@Test
	void listsMappingsInCreationOrderAPageAtATime() {
		List<String> ids = Stream.of("a", "b", "c")
			.map((queue) -> created(sqs(this.function, this.queueArn + queue)).get("id").asString())
			.toList();
		String mine = MAPPINGS + "?function=" + this.function + "&limit=2";

		JsonNode first = this.client.get(mine).getBody();
		JsonNode second = this.client.get(mine + "&pageToken={token}", first.get("nextPageToken").asString()).getBody();

		assertThat(first.get("items").valueStream().map((item) -> item.get("id").asString()))
			.containsExactly(ids.get(0), ids.get(1));
		assertThat(second.get("items").valueStream().map((item) -> item.get("id").asString()))
			.containsExactly(ids.get(2));
		assertThat(second.get("nextPageToken").isNull()).isTrue();
		JsonNode byQueue = this.client.get(MAPPINGS + "?eventSourceArn={arn}", this.queueArn + "b").getBody();
		assertThat(byQueue.get("items").valueStream().map((item) -> item.get("id").asString()))
			.containsExactly(ids.get(1));
		assertProblem(this.client.get(MAPPINGS + "?pageToken=not-a-token"), HttpStatus.BAD_REQUEST,
				"VALIDATION_FAILED");
		assertProblem(this.client.get(MAPPINGS + "?limit=0"), HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");
		assertProblem(this.client.get(MAPPINGS + "/not-a-uuid"), HttpStatus.BAD_REQUEST, "MALFORMED_REQUEST");
	}

	@Test
	void aNamespaceSeesOnlyItsOwnMappings() {
		String teamA = TriggerTestSupport.createNamespace(this.client);
		String teamB = TriggerTestSupport.createNamespace(this.client);
		String teamAMappings = "/v1/namespaces/" + teamA + "/event-source-mappings";
		this.client.createFunction(teamA, "worker");
		String id = this.client.post(teamAMappings, sqs("worker", this.queueArn)).getBody().get("id").asString();
		ControlPlaneClient teamBKey = TriggerTestSupport.keyWithRole(this.client, this.port, teamB, "ADMIN");
		ControlPlaneClient teamAViewer = TriggerTestSupport.keyWithRole(this.client, this.port, teamA, "VIEWER");
		long revision = this.client.revision();

		assertProblem(teamBKey.get(teamAMappings), HttpStatus.NOT_FOUND, "NAMESPACE_NOT_FOUND");
		assertProblem(teamBKey.get(teamAMappings + "/{id}", id), HttpStatus.NOT_FOUND, "NAMESPACE_NOT_FOUND");
		assertProblem(teamBKey.put(teamAMappings + "/" + id, "*", sqs("worker", this.queueArn)), HttpStatus.NOT_FOUND,
				"NAMESPACE_NOT_FOUND");
		assertProblem(teamBKey.delete(teamAMappings + "/{id}", id), HttpStatus.NOT_FOUND, "NAMESPACE_NOT_FOUND");
		assertProblem(teamBKey.post(teamAMappings, sqs("worker", this.queueArn + "-2")), HttpStatus.NOT_FOUND,
				"NAMESPACE_NOT_FOUND");
		assertProblem(teamBKey.get("/v1/namespaces/" + teamB + "/event-source-mappings/{id}", id), HttpStatus.NOT_FOUND,
				"EVENT_SOURCE_MAPPING_NOT_FOUND");
		assertProblem(teamBKey.delete("/v1/namespaces/" + teamB + "/event-source-mappings/{id}", id),
				HttpStatus.NOT_FOUND, "EVENT_SOURCE_MAPPING_NOT_FOUND");
		assertThat(teamBKey.get("/v1/namespaces/" + teamB + "/event-source-mappings").getBody().get("items")).isEmpty();
		assertThat(teamAViewer.get(teamAMappings + "/{id}", id).getStatusCode()).isEqualTo(HttpStatus.OK);
		assertProblem(teamAViewer.delete(teamAMappings + "/{id}", id), HttpStatus.FORBIDDEN, "FORBIDDEN");
		assertThat(this.client.revision()).isEqualTo(revision);
		assertThat(this.client.get(teamAMappings + "/{id}", id).getStatusCode()).isEqualTo(HttpStatus.OK);
	}

	@Test
	void deletingTheFunctionRetractsItsMappingsFromStoreAndFeed() {
		String id = created(sqs(this.function, this.queueArn)).get("id").asString();
		String kafkaId = created(kafka(this.function, uniqueName("topic"))).get("id").asString();
		String other = uniqueName("esm-other");
		this.client.createFunction("default", other);
		String otherId = created(sqs(other, this.queueArn)).get("id").asString();

		this.client.delete(ControlPlaneClient.functionsPath("default") + "/" + this.function);

		assertThat(listIds(this.client, MAPPINGS)).doesNotContain(id, kafkaId).contains(otherId);
		assertThat(feedResource(this.client, "EVENT_SOURCE_MAPPING", "id", id)).isEmpty();
		assertThat(feedResource(this.client, "EVENT_SOURCE_MAPPING", "id", kafkaId)).isEmpty();
		assertThat(feedResource(this.client, "EVENT_SOURCE_MAPPING", "id", otherId)).isPresent();
	}

	@Test
	void deletingTheFunctionDeletesItsMappings() {
		String id = created(sqs(this.function, this.queueArn)).get("id").asString();

		assertThat(
				this.client.delete(ControlPlaneClient.functionsPath("default") + "/" + this.function).getStatusCode())
			.isEqualTo(HttpStatus.NO_CONTENT);

		assertProblem(this.client.get(MAPPINGS + "/{id}", id), HttpStatus.NOT_FOUND, "EVENT_SOURCE_MAPPING_NOT_FOUND");
	}

	private JsonNode created(Map<String, Object> request) {
		ResponseEntity<JsonNode> response = this.client.post(MAPPINGS, request);
		assertThat(response.getStatusCode()).as("create %s: %s", request, response.getBody())
			.isEqualTo(HttpStatus.CREATED);
		return response.getBody();
	}

	private EventSourceMappingConfig feed(String id) {
		JsonNode resource = feedResource(this.client, "EVENT_SOURCE_MAPPING", "id", id).orElseThrow();
		return (EventSourceMappingConfig) JSON.treeToValue(resource, ConfigResource.class);
	}

	private Map<String, Object> request(String base, Map<String, Object> overrides) {
		Map<String, Object> request = switch (base) {
			case "sqs" -> sqs(this.function, this.queueArn);
			case "kafka" -> kafka(this.function, "topic");
			case "rabbitmq" -> rabbitMq(this.function, "jobs");
			default -> throw new IllegalArgumentException(base);
		};
		overrides.forEach((key, value) -> {
			if (REMOVE.equals(value)) {
				request.remove(key);
			}
			else {
				request.put(key, value);
			}
		});
		return request;
	}

	private static Arguments invalid(String description, String base, Map<String, Object> overrides, String pointer,
			String detail) {
		return Arguments.of(description, base, overrides, pointer, detail);
	}

	private static Map<String, Object> sqs(String function, String queueArn) {
		Map<String, Object> request = new LinkedHashMap<>();
		request.put("function", function);
		request.put("sourceType", "SQS");
		request.put("eventSourceArn", queueArn);
		return request;
	}

	private static Map<String, Object> kafka(String function, String topic) {
		Map<String, Object> request = new LinkedHashMap<>();
		request.put("function", function);
		request.put("sourceType", "KAFKA");
		request.put("endpoints", List.of("localhost:9092"));
		request.put("topics", List.of(topic));
		request.put("startingPosition", "TRIM_HORIZON");
		return request;
	}

	private static Map<String, Object> rabbitMq(String function, String queue) {
		Map<String, Object> request = new LinkedHashMap<>();
		request.put("function", function);
		request.put("sourceType", "RABBITMQ");
		request.put("endpoints", List.of("amqps://rabbit.example.com:5671/aloft"));
		request.put("queues", List.of(queue));
		return request;
	}

}
