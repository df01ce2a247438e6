package dev.aloft.controlplane.lambdaapi;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import dev.aloft.contracts.lambda.ForwardedLambdaCalls;
import dev.aloft.controlplane.CodeZips;
import dev.aloft.controlplane.ControlPlaneClient;
import dev.aloft.controlplane.TriggerTestSupport;
import dev.aloft.testsupport.PostgresTestDatabaseInitializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CreateAliasResponse;
import software.amazon.awssdk.services.lambda.model.CreateEventSourceMappingResponse;
import software.amazon.awssdk.services.lambda.model.CreateFunctionResponse;
import software.amazon.awssdk.services.lambda.model.EventSourceMappingConfiguration;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.FunctionUrlAuthType;
import software.amazon.awssdk.services.lambda.model.GetEventSourceMappingResponse;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.ListFunctionsResponse;
import software.amazon.awssdk.services.lambda.model.FunctionVersion;
import software.amazon.awssdk.services.lambda.model.PackageType;
import software.amazon.awssdk.services.lambda.model.PreconditionFailedException;
import software.amazon.awssdk.services.lambda.model.PublishVersionResponse;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.lambda.model.State;
import software.amazon.awssdk.services.lambda.model.UpdateAliasResponse;
import software.amazon.awssdk.services.lambda.model.UpdateEventSourceMappingResponse;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionCodeResponse;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionConfigurationResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.ContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.entry;

/**
 * The Lambda management API driven by the AWS SDK's own {@code LambdaClient}, signing
 * with SigV4 against a real control plane on a real database: functions, code,
 * configuration, versions, aliases, concurrency, event invoke configs, event-source
 * mappings and function URLs, with Lambda's errors, and who may see and change what.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = PostgresTestDatabaseInitializer.class)
class LambdaApiIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String DEFAULT_ACCOUNT = "000000000000";

	@LocalServerPort
	private int port;

	private LambdaClient lambda;

	private final List<LambdaClient> clients = new ArrayList<>();

	@BeforeEach
	void client() {
		this.lambda = client(ControlPlaneClient.ADMIN_ACCESS_KEY_ID, ControlPlaneClient.ADMIN_SECRET);
	}

	@AfterEach
	void close() {
		this.clients.forEach(LambdaClient::close);
	}

	@Test
	void createsReadsAndListsFunctionsAsLambdaDoes() {
		String name = unique("hello");
		byte[] zip = CodeZips.pythonApp();
		CreateFunctionResponse created = create(this.lambda, name, zip);

		assertThat(created.functionArn())
			.isEqualTo("arn:aws:lambda:us-east-1:" + DEFAULT_ACCOUNT + ":function:" + name);
		assertThat(created.functionName()).isEqualTo(name);
		assertThat(created.runtime()).isEqualTo(Runtime.PYTHON3_12);
		assertThat(created.handler()).isEqualTo("app.handler");
		assertThat(created.memorySize()).isEqualTo(128);
		assertThat(created.timeout()).isEqualTo(3);
		assertThat(created.version()).isEqualTo("$LATEST");
		assertThat(created.codeSize()).isEqualTo(zip.length);
		assertThat(created.codeSha256()).isEqualTo(Base64.getEncoder().encodeToString(sha256(zip)));
		assertThat(created.state()).isEqualTo(State.ACTIVE);
		assertThat(created.packageType()).isEqualTo(PackageType.ZIP);
		assertThat(created.lastModified()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+0000");
		assertThat(created.environment().variables()).containsEntry("GREETING", "hi");

		GetFunctionResponse got = this.lambda.getFunction((get) -> get.functionName(name));
		assertThat(got.configuration().revisionId()).isEqualTo(created.revisionId());
		assertThat(got.code().repositoryType()).isEqualTo("S3");
		assertThat(got.code().location()).startsWith(
				"http://127.0.0.1:" + this.port + "/2015-03-31/code-downloads/" + hex(sha256(zip)) + "?Expires=");
		assertThat(
				this.lambda.getFunctionConfiguration((get) -> get.functionName(created.functionArn())).functionName())
			.isEqualTo(name);
		this.lambda.waiter().waitUntilFunctionActiveV2((get) -> get.functionName(name));

		List<String> listed = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			create(this.lambda, name + "-" + i, zip);
		}
		String marker = null;
		do {
			String current = marker;
			ListFunctionsResponse page = this.lambda.listFunctions((list) -> list.maxItems(2).marker(current));
			assertThat(page.functions()).hasSizeLessThanOrEqualTo(2);
			page.functions().forEach((function) -> listed.add(function.functionName()));
			marker = page.nextMarker();
		}
		while (marker != null);
		assertThat(listed).doesNotHaveDuplicates().contains(name, name + "-0", name + "-1");
	}

	@Test
	void updatesCodeAndConfigurationOnlyAtTheRevisionTheCallerRead() {
		String name = unique("update");
		CreateFunctionResponse created = create(this.lambda, name, CodeZips.pythonApp());

		UpdateFunctionConfigurationResponse configured = this.lambda
			.updateFunctionConfiguration((update) -> update.functionName(name)
				.memorySize(256)
				.timeout(30)
				.description("bigger")
				.environment((environment) -> environment.variables(Map.of("MODE", "fast")))
				.revisionId(created.revisionId()));
		assertThat(configured.memorySize()).isEqualTo(256);
		assertThat(configured.timeout()).isEqualTo(30);
		assertThat(configured.handler()).as("unchanged members stay").isEqualTo("app.handler");
		assertThat(configured.environment().variables()).containsExactly(Map.entry("MODE", "fast"));
		assertThat(configured.revisionId()).isNotEqualTo(created.revisionId());

		assertThatExceptionOfType(PreconditionFailedException.class)
			.isThrownBy(() -> this.lambda.updateFunctionConfiguration(
					(update) -> update.functionName(name).memorySize(512).revisionId(created.revisionId())))
			.satisfies((ex) -> assertThat(ex.statusCode()).isEqualTo(412));
		assertThatExceptionOfType(PreconditionFailedException.class)
			.isThrownBy(() -> this.lambda.updateFunctionCode((update) -> update.functionName(name)
				.zipFile(SdkBytes.fromByteArray(CodeZips.pythonApp("v2")))
				.revisionId(created.revisionId())));
		GetFunctionConfigurationResponse unchanged = this.lambda
			.getFunctionConfiguration((get) -> get.functionName(name));
		assertThat(unchanged.memorySize()).isEqualTo(256);
		assertThat(unchanged.codeSha256()).isEqualTo(created.codeSha256());

		byte[] v2 = CodeZips.pythonApp("v2");
		UpdateFunctionCodeResponse updated = this.lambda.updateFunctionCode((update) -> update.functionName(name)
			.zipFile(SdkBytes.fromByteArray(v2))
			.revisionId(configured.revisionId()));
		assertThat(updated.codeSha256()).isEqualTo(Base64.getEncoder().encodeToString(sha256(v2)));
		assertThat(updated.memorySize()).isEqualTo(256);
		this.lambda.waiter().waitUntilFunctionUpdatedV2((get) -> get.functionName(name));
	}

	@Test
	void publishesVersionsAndRoutesAliasesByWeight() {
		String name = unique("versions");
		create(this.lambda, name, CodeZips.pythonApp());
		PublishVersionResponse one = this.lambda.publishVersion((publish) -> publish.functionName(name));
		assertThat(one.version()).isEqualTo("1");
		assertThat(one.functionArn()).endsWith(":function:" + name + ":1");
		assertThat(this.lambda.publishVersion((publish) -> publish.functionName(name)).version())
			.as("nothing changed: the newest version is the answer")
			.isEqualTo("1");
		UpdateFunctionCodeResponse two = this.lambda.updateFunctionCode((update) -> update.functionName(name)
			.zipFile(SdkBytes.fromByteArray(CodeZips.pythonApp("2")))
			.publish(true));
		assertThat(two.version()).isEqualTo("2");
		assertThat(this.lambda.listVersionsByFunction((list) -> list.functionName(name))
			.versions()
			.stream()
			.map(FunctionConfiguration::version)).containsExactly("$LATEST", "1", "2");

		CreateAliasResponse live = this.lambda.createAlias((alias) -> alias.functionName(name)
			.name("live")
			.functionVersion("1")
			.routingConfig((routing) -> routing.additionalVersionWeights(Map.of("2", 0.25))));
		assertThat(live.aliasArn()).endsWith(":function:" + name + ":live");
		assertThat(live.routingConfig().additionalVersionWeights()).containsExactly(Map.entry("2", 0.25));
		assertThat(this.lambda.getFunctionConfiguration((get) -> get.functionName(name).qualifier("live")).version())
			.isEqualTo("1");
		assertThatExceptionOfType(ResourceConflictException.class).isThrownBy(
				() -> this.lambda.createAlias((alias) -> alias.functionName(name).name("live").functionVersion("2")));
		assertThatExceptionOfType(InvalidParameterValueException.class)
			.isThrownBy(() -> this.lambda.createAlias((alias) -> alias.functionName(name)
				.name("two-weights")
				.functionVersion("1")
				.routingConfig((routing) -> routing.additionalVersionWeights(Map.of("2", 0.1, "3", 0.1)))));
		assertThatExceptionOfType(PreconditionFailedException.class).isThrownBy(() -> this.lambda
			.updateAlias((alias) -> alias.functionName(name).name("live").functionVersion("2").revisionId("stale")));

		UpdateAliasResponse moved = this.lambda.updateAlias((alias) -> alias.functionName(name)
			.name("live")
			.functionVersion("2")
			.routingConfig((routing) -> routing.additionalVersionWeights(Map.of()))
			.revisionId(live.revisionId()));
		assertThat(moved.functionVersion()).isEqualTo("2");
		assertThat(moved.routingConfig()).isNull();
		assertThat(this.lambda.listAliases((list) -> list.functionName(name)).aliases()).extracting("name")
			.containsExactly("live");

		assertThatExceptionOfType(ResourceConflictException.class).as("an alias points at version 2")
			.isThrownBy(() -> this.lambda.deleteFunction((delete) -> delete.functionName(name).qualifier("2")));
		this.lambda.deleteAlias((alias) -> alias.functionName(name).name("live"));
		assertThatExceptionOfType(ResourceNotFoundException.class)
			.isThrownBy(() -> this.lambda.getAlias((alias) -> alias.functionName(name).name("live")));
		this.lambda.deleteFunction((delete) -> delete.functionName(name).qualifier("1"));
		assertThat(this.lambda.listVersionsByFunction((list) -> list.functionName(name))
			.versions()
			.stream()
			.map(FunctionConfiguration::version)).containsExactly("$LATEST", "2");
		assertThatExceptionOfType(InvalidParameterValueException.class)
			.isThrownBy(() -> this.lambda.deleteFunction((delete) -> delete.functionName(name).qualifier("$LATEST")));

		this.lambda.deleteFunction((delete) -> delete.functionName(name));
		assertThatExceptionOfType(ResourceNotFoundException.class)
			.isThrownBy(() -> this.lambda.getFunction((get) -> get.functionName(name)))
			.satisfies((ex) -> assertThat(ex.statusCode()).isEqualTo(404));
	}

	@Test
	void reservesConcurrencyAndConfiguresAsynchronousInvocation() {
		String name = unique("settings");
		String destination = unique("destination");
		create(this.lambda, name, CodeZips.pythonApp());
		create(this.lambda, destination, CodeZips.pythonApp());

		assertThat(this.lambda.putFunctionConcurrency((put) -> put.functionName(name).reservedConcurrentExecutions(5))
			.reservedConcurrentExecutions()).isEqualTo(5);
		assertThat(this.lambda.getFunctionConcurrency((get) -> get.functionName(name)).reservedConcurrentExecutions())
			.isEqualTo(5);
		assertThat(
				this.lambda.getFunction((get) -> get.functionName(name)).concurrency().reservedConcurrentExecutions())
			.isEqualTo(5);
		this.lambda.deleteFunctionConcurrency((delete) -> delete.functionName(name));
		assertThat(this.lambda.getFunctionConcurrency((get) -> get.functionName(name)).reservedConcurrentExecutions())
			.isNull();

		String destinationArn = "arn:aws:lambda:us-east-1:" + DEFAULT_ACCOUNT + ":function:" + destination;
		var put = this.lambda.putFunctionEventInvokeConfig((config) -> config.functionName(name)
			.maximumRetryAttempts(1)
			.destinationConfig(
					(destinations) -> destinations.onFailure((failure) -> failure.destination(destinationArn))));
		assertThat(put.functionArn()).endsWith(":function:" + name + ":$LATEST");
		assertThat(put.maximumRetryAttempts()).isEqualTo(1);
		assertThat(put.maximumEventAgeInSeconds()).isEqualTo(21600);
		assertThat(put.destinationConfig().onFailure().destination()).isEqualTo(destinationArn);
		assertThat(put.lastModified()).isNotNull();

		var updated = this.lambda
			.updateFunctionEventInvokeConfig((config) -> config.functionName(name).maximumEventAgeInSeconds(120));
		assertThat(updated.maximumRetryAttempts()).as("kept").isEqualTo(1);
		assertThat(updated.maximumEventAgeInSeconds()).isEqualTo(120);
		assertThat(this.lambda.getFunctionEventInvokeConfig((get) -> get.functionName(name))
			.destinationConfig()
			.onFailure()
			.destination()).isEqualTo(destinationArn);
		assertThatExceptionOfType(InvalidParameterValueException.class)
			.isThrownBy(() -> this.lambda.putFunctionEventInvokeConfig((config) -> config.functionName(name)));
		assertThatExceptionOfType(InvalidParameterValueException.class).isThrownBy(() -> this.lambda
			.putFunctionEventInvokeConfig((config) -> config.functionName(name).maximumRetryAttempts(7)));

		assertThatExceptionOfType(InvalidParameterValueException.class)
			.isThrownBy(() -> this.lambda.putFunctionEventInvokeConfig((config) -> config.functionName(name)
				.destinationConfig((destinations) -> destinations
					.onSuccess((success) -> success.destination("arn:aws:s3:::succeeded-records")))))
			.satisfies((ex) -> assertThat(ex.awsErrorDetails().errorMessage())
				.isEqualTo("S3 buckets are supported only for on-failure destinations."));
		assertThat(this.lambda.getFunctionEventInvokeConfig((get) -> get.functionName(name))
			.destinationConfig()
			.onFailure()
			.destination()).as("nothing saved").isEqualTo(destinationArn);
		assertThat(this.lambda
			.putFunctionEventInvokeConfig((config) -> config.functionName(name)
				.destinationConfig((destinations) -> destinations
					.onFailure((failure) -> failure.destination("arn:aws:s3:::failed-records"))))
			.destinationConfig()
			.onFailure()
			.destination()).isEqualTo("arn:aws:s3:::failed-records");

		this.lambda.deleteFunctionEventInvokeConfig((delete) -> delete.functionName(name));
		assertThatExceptionOfType(ResourceNotFoundException.class)
			.isThrownBy(() -> this.lambda.getFunctionEventInvokeConfig((get) -> get.functionName(name)));
	}

	@Test
	void managesEventSourceMappingsAndFunctionUrls() {
		String name = unique("triggers");
		create(this.lambda, name, CodeZips.pythonApp());
		String queueArn = "arn:aws:sqs:us-east-1:" + DEFAULT_ACCOUNT + ":" + unique("queue");

		CreateEventSourceMappingResponse created = this.lambda
			.createEventSourceMapping((mapping) -> mapping.functionName(name).eventSourceArn(queueArn));
		assertThat(created.state()).isEqualTo("Creating");
		assertThat(created.uuid()).isNotBlank();
		assertThat(created.eventSourceArn()).isEqualTo(queueArn);
		assertThat(created.functionArn()).endsWith(":function:" + name);
		assertThat(created.batchSize()).isEqualTo(10);
		assertThat(this.lambda.getEventSourceMapping((get) -> get.uuid(created.uuid())).state()).isEqualTo("Enabled");
		assertThatExceptionOfType(ResourceConflictException.class).isThrownBy(() -> this.lambda
			.createEventSourceMapping((mapping) -> mapping.functionName(name).eventSourceArn(queueArn)));

		UpdateEventSourceMappingResponse updated = this.lambda
			.updateEventSourceMapping((update) -> update.uuid(created.uuid()).batchSize(5).enabled(false));
		assertThat(updated.state()).isEqualTo("Updating");
		GetEventSourceMappingResponse read = this.lambda.getEventSourceMapping((get) -> get.uuid(created.uuid()));
		assertThat(read.state()).isEqualTo("Disabled");
		assertThat(read.batchSize()).isEqualTo(5);
		assertThat(read.eventSourceArn()).isEqualTo(queueArn);
		assertThat(this.lambda.listEventSourceMappings((list) -> list.functionName(name)).eventSourceMappings())
			.extracting(EventSourceMappingConfiguration::uuid)
			.containsExactly(created.uuid());
		assertThat(this.lambda.deleteEventSourceMapping((delete) -> delete.uuid(created.uuid())).state())
			.isEqualTo("Deleting");
		assertThatExceptionOfType(ResourceNotFoundException.class)
			.isThrownBy(() -> this.lambda.getEventSourceMapping((get) -> get.uuid(created.uuid())));

		var url = this.lambda
			.createFunctionUrlConfig((create) -> create.functionName(name).authType(FunctionUrlAuthType.NONE));
		assertThat(url.functionUrl()).matches("http://localhost:8080/urls/[a-z0-9]{32}/");
		assertThat(url.functionArn()).endsWith(":function:" + name);
		assertThatExceptionOfType(ResourceConflictException.class).isThrownBy(() -> this.lambda
			.createFunctionUrlConfig((create) -> create.functionName(name).authType(FunctionUrlAuthType.NONE)));
		var changed = this.lambda.updateFunctionUrlConfig((update) -> update.functionName(name)
			.authType(FunctionUrlAuthType.AWS_IAM)
			.cors((cors) -> cors.allowOrigins("https://example.com").maxAge(60)));
		assertThat(changed.functionUrl()).as("the URL stays").isEqualTo(url.functionUrl());
		assertThat(changed.authType()).isEqualTo(FunctionUrlAuthType.AWS_IAM);
		var got = this.lambda.getFunctionUrlConfig((get) -> get.functionName(name));
		assertThat(got.cors().allowOrigins()).containsExactly("https://example.com");
		assertThat(got.cors().maxAge()).isEqualTo(60);
		this.lambda.deleteFunctionUrlConfig((delete) -> delete.functionName(name));
		assertThatExceptionOfType(ResourceNotFoundException.class)
			.isThrownBy(() -> this.lambda.getFunctionUrlConfig((get) -> get.functionName(name)));
	}

	@Test
	void badInputIsRefusedWithLambdasErrorsAndChangesNothing() {
		String name = unique("bad");
		create(this.lambda, name, CodeZips.pythonApp());
		assertThatExceptionOfType(ResourceConflictException.class)
			.isThrownBy(() -> create(this.lambda, name, CodeZips.pythonApp()))
			.satisfies((ex) -> assertThat(ex.statusCode()).isEqualTo(409))
			.satisfies((ex) -> assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("ResourceConflictException"));

		String tooSmall = unique("small");
		assertThatExceptionOfType(InvalidParameterValueException.class)
			.isThrownBy(() -> this.lambda.createFunction((create) -> create.functionName(tooSmall)
				.runtime(Runtime.PYTHON3_12)
				.handler("app.handler")
				.role("arn:aws:iam::000000000000:role/lambda")
				.memorySize(64)
				.code((code) -> code.zipFile(SdkBytes.fromByteArray(CodeZips.pythonApp())))))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("memorySize"));
		String noHandler = unique("nohandler");
		assertThatExceptionOfType(InvalidParameterValueException.class)
			.isThrownBy(() -> this.lambda.createFunction((create) -> create.functionName(noHandler)
				.runtime(Runtime.PYTHON3_12)
				.handler("app.handler")
				.role("arn:aws:iam::000000000000:role/lambda")
				.code((code) -> code.zipFile(SdkBytes.fromByteArray(CodeZips.withFiles("other.py"))))));
		String image = unique("image");
		assertThatExceptionOfType(InvalidParameterValueException.class)
			.isThrownBy(() -> this.lambda.createFunction((create) -> create.functionName(image)
				.packageType(PackageType.IMAGE)
				.role("arn:aws:iam::000000000000:role/lambda")
				.code((code) -> code.imageUri("registry.example/Not Valid:1"))))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("registry.example/Not Valid:1"));
		assertThatExceptionOfType(InvalidParameterValueException.class).isThrownBy(() -> this.lambda
			.updateFunctionConfiguration((update) -> update.functionName(name).memorySize(20_000)));
		for (String missing : List.of(tooSmall, noHandler, image)) {
			assertThatExceptionOfType(ResourceNotFoundException.class)
				.isThrownBy(() -> this.lambda.getFunction((get) -> get.functionName(missing)));
		}
		assertThat(this.lambda.getFunctionConfiguration((get) -> get.functionName(name)).memorySize()).isEqualTo(128);
		assertThatExceptionOfType(ResourceNotFoundException.class)
			.isThrownBy(() -> this.lambda.getFunction((get) -> get.functionName(unique("missing"))));
	}

	@Test
	void createsAndUpdatesContainerImageFunctionsAsLambdaDoes() {
		String name = unique("image");
		String image = "registry.example:5000/team/greeter:1.4";
		CreateFunctionResponse created = this.lambda.createFunction((create) -> create.functionName(name)
			.packageType(PackageType.IMAGE)
			.role("arn:aws:iam::000000000000:role/lambda")
			.code((code) -> code.imageUri(image))
			.imageConfig((config) -> config.entryPoint("/app/run").command("greet").workingDirectory("/app"))
			.memorySize(256));

		assertThat(created.packageType()).isEqualTo(PackageType.IMAGE);
		assertThat(created.runtime()).isNull();
		assertThat(created.handler()).isNull();
		assertThat(created.memorySize()).isEqualTo(256);
		assertThat(created.imageConfigResponse().imageConfig().entryPoint()).containsExactly("/app/run");
		assertThat(created.imageConfigResponse().imageConfig().command()).containsExactly("greet");
		assertThat(created.imageConfigResponse().imageConfig().workingDirectory()).isEqualTo("/app");
		GetFunctionResponse got = this.lambda.getFunction((get) -> get.functionName(name));
		assertThat(got.code().repositoryType()).isEqualTo("ECR");
		assertThat(got.code().imageUri()).isEqualTo(image);
		assertThat(got.code().resolvedImageUri()).isEqualTo(image);
		assertThat(got.code().location()).isNull();
		assertThat(got.configuration().packageType()).isEqualTo(PackageType.IMAGE);
		this.lambda.waiter().waitUntilFunctionActiveV2((get) -> get.functionName(name));

		String digest = "0123456789abcdef".repeat(4);
		String pinned = "registry.example:5000/team/greeter@sha256:" + digest;
		UpdateFunctionCodeResponse updated = this.lambda
			.updateFunctionCode((update) -> update.functionName(name).imageUri(pinned).publish(true));
		assertThat(updated.version()).isEqualTo("1");
		assertThat(updated.codeSha256()).isEqualTo(Base64.getEncoder().encodeToString(HexFormat.of().parseHex(digest)));
		GetFunctionResponse version = this.lambda.getFunction((get) -> get.functionName(name).qualifier("1"));
		assertThat(version.code().imageUri()).isEqualTo(pinned);
		assertThat(version.code().resolvedImageUri()).isEqualTo(pinned);
		assertThat(version.configuration().imageConfigResponse().imageConfig().entryPoint())
			.containsExactly("/app/run");

		UpdateFunctionConfigurationResponse configured = this.lambda.updateFunctionConfiguration(
				(update) -> update.functionName(name).imageConfig((config) -> config.command("serve")).timeout(10));
		assertThat(configured.imageConfigResponse().imageConfig().command()).containsExactly("serve");
		assertThat(configured.timeout()).isEqualTo(10);

		assertThatExceptionOfType(InvalidParameterValueException.class)
			.isThrownBy(() -> this.lambda.updateFunctionCode(
					(update) -> update.functionName(name).zipFile(SdkBytes.fromByteArray(CodeZips.pythonApp()))))
			.withMessageContaining("Please provide ImageUri when updating a function with packageType Image.");
		assertThatExceptionOfType(InvalidParameterValueException.class)
			.isThrownBy(() -> this.lambda
				.updateFunctionConfiguration((update) -> update.functionName(name).runtime(Runtime.PYTHON3_12)))
			.withMessageContaining("Please don't provide Handler or Runtime or Layer");
		assertThatExceptionOfType(InvalidParameterValueException.class)
			.isThrownBy(() -> this.lambda.updateFunctionCode((update) -> update.functionName(name).imageUri("Bad:1")));
		assertThat(this.lambda.getFunction((get) -> get.functionName(name)).code().imageUri()).isEqualTo(pinned);

		String zipName = unique("zip");
		create(this.lambda, zipName, CodeZips.pythonApp());
		assertThatExceptionOfType(InvalidParameterValueException.class)
			.isThrownBy(() -> this.lambda.updateFunctionCode((update) -> update.functionName(zipName).imageUri(image)))
			.withMessageContaining("Please don't provide ImageUri when updating a function with packageType Zip.");
		String runtimeImage = unique("runtime-image");
		assertThatExceptionOfType(InvalidParameterValueException.class)
			.isThrownBy(() -> this.lambda.createFunction((create) -> create.functionName(runtimeImage)
				.packageType(PackageType.IMAGE)
				.runtime(Runtime.PYTHON3_12)
				.role("arn:aws:iam::000000000000:role/lambda")
				.code((code) -> code.imageUri(image))));
		String noRuntime = unique("no-runtime");
		assertThatExceptionOfType(InvalidParameterValueException.class)
			.isThrownBy(() -> this.lambda.createFunction((create) -> create.functionName(noRuntime)
				.role("arn:aws:iam::000000000000:role/lambda")
				.code((code) -> code.zipFile(SdkBytes.fromByteArray(CodeZips.pythonApp())))))
			.withMessageContaining("Runtime and Handler are mandatory parameters");
		for (String missing : List.of(runtimeImage, noRuntime)) {
			assertThatExceptionOfType(ResourceNotFoundException.class)
				.isThrownBy(() -> this.lambda.getFunction((get) -> get.functionName(missing)));
		}
	}

	@Test
	void listsEveryPublishedVersionWithFunctionVersionAll() {
		ControlPlaneClient admin = new ControlPlaneClient(this.port);
		String namespace = TriggerTestSupport.createNamespace(admin);
		LambdaClient team = keyWithRole(admin, namespace, "DEVELOPER");
		String first = unique("a-all");
		String second = unique("b-all");
		create(team, first, CodeZips.pythonApp());
		team.publishVersion((publish) -> publish.functionName(first));
		team.updateFunctionCode((update) -> update.functionName(first)
			.zipFile(SdkBytes.fromByteArray(CodeZips.pythonApp("v2")))
			.publish(true));
		create(team, second, CodeZips.pythonApp());
		String account = team.getFunction((get) -> get.functionName(first)).configuration().functionArn().split(":")[4];
		String prefix = "arn:aws:lambda:us-east-1:" + account + ":function:";

		List<String> listed = new ArrayList<>();
		List<String> versions = new ArrayList<>();
		String marker = null;
		do {
			String current = marker;
			ListFunctionsResponse page = team
				.listFunctions((list) -> list.functionVersion(FunctionVersion.ALL).maxItems(2).marker(current));
			assertThat(page.functions()).hasSizeLessThanOrEqualTo(2);
			page.functions().forEach((function) -> {
				listed.add(function.functionArn());
				versions.add(function.version());
			});
			marker = page.nextMarker();
		}
		while (marker != null);

		assertThat(listed).containsExactly(prefix + first + ":$LATEST", prefix + first + ":1", prefix + first + ":2",
				prefix + second + ":$LATEST");
		assertThat(versions).containsExactly("$LATEST", "1", "2", "$LATEST");
		assertThat(team.listFunctions().functions()).extracting((function) -> function.functionArn())
			.containsExactly(prefix + first, prefix + second);
		assertThat(team.listFunctions((list) -> list.functionVersion(FunctionVersion.ALL).maxItems(50)).functions())
			.hasSize(4);
		assertThatExceptionOfType(LambdaException.class)
			.isThrownBy(() -> team.listFunctions((list) -> list.functionVersion("SOME")))
			.satisfies((ex) -> assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
	}

	@Test
	void tagsFunctionsAsLambdaDoes() {
		String name = unique("tagged");
		String arn = this.lambda
			.createFunction((create) -> create.functionName(name)
				.runtime(Runtime.PYTHON3_12)
				.handler("app.handler")
				.role("arn:aws:iam::000000000000:role/lambda")
				.tags(Map.of("team", "blue"))
				.code((code) -> code.zipFile(SdkBytes.fromByteArray(CodeZips.pythonApp()))))
			.functionArn();
		String revision = this.lambda.getFunction((get) -> get.functionName(name)).configuration().revisionId();
		assertThat(this.lambda.getFunction((get) -> get.functionName(name)).tags())
			.containsExactly(entry("team", "blue"));

		this.lambda.tagResource((tag) -> tag.resource(arn).tags(Map.of("env", "prod", "team", "green")));
		assertThat(this.lambda.listTags((list) -> list.resource(arn)).tags())
			.containsExactlyInAnyOrderEntriesOf(Map.of("env", "prod", "team", "green"));
		this.lambda.untagResource((untag) -> untag.resource(arn).tagKeys("team", "absent"));
		assertThat(this.lambda.listTags((list) -> list.resource(arn)).tags()).containsExactly(entry("env", "prod"));
		// Tags are not configuration: the revision stays.
		assertThat(this.lambda.getFunction((get) -> get.functionName(name)).configuration().revisionId())
			.isEqualTo(revision);

		assertThatExceptionOfType(InvalidParameterValueException.class)
			.isThrownBy(() -> this.lambda.tagResource((tag) -> tag.resource(arn).tags(Map.of("aws:owner", "me"))));
		assertThatExceptionOfType(InvalidParameterValueException.class)
			.isThrownBy(() -> this.lambda.tagResource((tag) -> tag.resource(arn).tags(Map.of("k", "x".repeat(257)))));
		Map<String, String> many = new HashMap<>();
		for (int i = 0; i < 50; i++) {
			many.put("key" + i, "v");
		}
		assertThatExceptionOfType(InvalidParameterValueException.class)
			.isThrownBy(() -> this.lambda.tagResource((tag) -> tag.resource(arn).tags(many)))
			.withMessageContaining("at most 50");
		assertThatExceptionOfType(InvalidParameterValueException.class)
			.isThrownBy(() -> this.lambda.listTags((list) -> list.resource(arn + ":1")));
		assertThatExceptionOfType(ResourceNotFoundException.class)
			.isThrownBy(() -> this.lambda.listTags((list) -> list.resource(arn + "-missing")));
		assertThat(this.lambda.listTags((list) -> list.resource(arn)).tags()).containsExactly(entry("env", "prod"));

		String badTags = unique("badtags");
		assertThatExceptionOfType(InvalidParameterValueException.class)
			.isThrownBy(() -> this.lambda.createFunction((create) -> create.functionName(badTags)
				.runtime(Runtime.PYTHON3_12)
				.handler("app.handler")
				.role("arn:aws:iam::000000000000:role/lambda")
				.tags(Map.of("aws:x", "y"))
				.code((code) -> code.zipFile(SdkBytes.fromByteArray(CodeZips.pythonApp())))));
		assertThatExceptionOfType(ResourceNotFoundException.class)
			.isThrownBy(() -> this.lambda.getFunction((get) -> get.functionName(badTags)));
		this.lambda.deleteFunction((delete) -> delete.functionName(name));
		create(this.lambda, name, CodeZips.pythonApp());
		assertThat(this.lambda.listTags((list) -> list.resource(arn)).tags()).isEmpty();
	}

	@Test
	void aBadSignatureIsRefused() {
		LambdaClient forged = client(ControlPlaneClient.ADMIN_ACCESS_KEY_ID,
				"not-the-secret000000000000000000000000000");
		assertThatExceptionOfType(LambdaException.class).isThrownBy(() -> forged.listFunctions())
			.satisfies((ex) -> assertThat(ex.statusCode()).isEqualTo(403))
			.satisfies((ex) -> assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException"));
		LambdaClient unknown = client("AKIAUNKNOWN000000000", ControlPlaneClient.ADMIN_SECRET);
		assertThatExceptionOfType(LambdaException.class).isThrownBy(() -> unknown.listFunctions())
			.satisfies((ex) -> assertThat(ex.statusCode()).isEqualTo(403));
	}

	@Test
	void oneNamespacesKeysNeverSeeOrChangeAnothersFunctions() {
		ControlPlaneClient admin = new ControlPlaneClient(this.port);
		String team = unique("team");
		assertThat(admin.post("/v1/namespaces", Map.of("name", team)).getStatusCode()).isEqualTo(HttpStatus.CREATED);
		LambdaClient teamKey = keyWithRole(admin, team, "DEVELOPER");
		LambdaClient teamViewer = keyWithRole(admin, team, "VIEWER");

		String shared = unique("shared");
		CreateFunctionResponse defaults = create(this.lambda, shared, CodeZips.pythonApp());
		CreateFunctionResponse teams = create(teamKey, shared, CodeZips.pythonApp("team"));
		assertThat(teams.functionArn()).as("the team's only namespace, under its own account id")
			.doesNotContain(":" + DEFAULT_ACCOUNT + ":")
			.endsWith(":function:" + shared);
		assertThat(teamKey.getFunction((get) -> get.functionName(shared)).configuration().codeSha256())
			.isEqualTo(teams.codeSha256());
		assertThat(this.lambda.getFunction((get) -> get.functionName(teams.functionArn())).configuration().codeSha256())
			.as("an administrator reaches every namespace by ARN")
			.isEqualTo(teams.codeSha256());

		assertThatExceptionOfType(LambdaException.class)
			.isThrownBy(() -> teamKey.getFunction((get) -> get.functionName(defaults.functionArn())))
			.satisfies(LambdaApiIntegrationTests::accessDenied);
		assertThatExceptionOfType(LambdaException.class)
			.isThrownBy(() -> teamKey.deleteFunction((delete) -> delete.functionName(defaults.functionArn())))
			.satisfies(LambdaApiIntegrationTests::accessDenied);
		assertThatExceptionOfType(LambdaException.class)
			.isThrownBy(() -> teamKey
				.updateFunctionConfiguration((update) -> update.functionName(defaults.functionArn()).memorySize(1024)))
			.satisfies(LambdaApiIntegrationTests::accessDenied);
		assertThat(teamKey.listFunctions().functions()).extracting(FunctionConfiguration::functionArn)
			.containsExactly(teams.functionArn());

		assertThat(teamViewer.getFunction((get) -> get.functionName(shared)).configuration().functionArn())
			.isEqualTo(teams.functionArn());
		assertThatExceptionOfType(LambdaException.class).as("viewers read, never change")
			.isThrownBy(() -> teamViewer.deleteFunction((delete) -> delete.functionName(shared)))
			.satisfies(LambdaApiIntegrationTests::accessDenied);
		assertThat(this.lambda.getFunctionConfiguration((get) -> get.functionName(shared)).memorySize()).isEqualTo(128);
		assertThat(this.lambda.getFunctionConfiguration((get) -> get.functionName(shared)).codeSha256())
			.isEqualTo(defaults.codeSha256());
	}

	@Test
	void callsForwardedByTheGatewayActAsTheKeyItVerified() throws Exception {
		String name = unique("forwarded");
		create(this.lambda, name, CodeZips.pythonApp());
		try (HttpClient http = HttpClient.newHttpClient()) {
			HttpResponse<String> forwarded = http.send(forwardedGet(name, ControlPlaneClient.MASTER_KEY.internalToken(),
					ControlPlaneClient.ADMIN_ACCESS_KEY_ID), HttpResponse.BodyHandlers.ofString());
			assertThat(forwarded.statusCode()).isEqualTo(200);
			JsonNode body = JSON.readTree(forwarded.body());
			assertThat(body.get("Configuration").get("FunctionName").asString()).isEqualTo(name);
			assertThat(body.get("Configuration").get("FunctionArn").asString()).endsWith(":function:" + name);

			HttpResponse<String> wrongToken = http.send(
					forwardedGet(name, "not-the-internal-token", ControlPlaneClient.ADMIN_ACCESS_KEY_ID),
					HttpResponse.BodyHandlers.ofString());
			assertThat(wrongToken.statusCode()).isEqualTo(403);
			assertThat(wrongToken.headers().firstValue("x-amzn-ErrorType")).hasValue("UnrecognizedClientException");
			assertThat(JSON.readTree(wrongToken.body()).get("Type").asString()).isEqualTo("User");

			HttpResponse<String> headerOnly = http.send(HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/2015-03-31/functions/" + name))
				.header(ForwardedLambdaCalls.ACCESS_KEY_ID, ControlPlaneClient.ADMIN_ACCESS_KEY_ID)
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(headerOnly.statusCode()).as("the header is trusted only with the internal token").isEqualTo(403);

			HttpResponse<String> unknownKey = http.send(
					forwardedGet(name, ControlPlaneClient.MASTER_KEY.internalToken(), "AKIANOSUCHKEY0000000"),
					HttpResponse.BodyHandlers.ofString());
			assertThat(unknownKey.statusCode()).isEqualTo(403);
		}
	}

	private static void accessDenied(LambdaException ex) {
		assertThat(ex.statusCode()).isEqualTo(403);
		assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
	}

	private HttpRequest forwardedGet(String name, String token, String accessKeyId) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/2015-03-31/functions/" + name))
			.header("Authorization", "Bearer " + token)
			.header(ForwardedLambdaCalls.ACCESS_KEY_ID, accessKeyId)
			.build();
	}

	private static CreateFunctionResponse create(LambdaClient client, String name, byte[] zip) {
		return client.createFunction((create) -> create.functionName(name)
			.runtime(Runtime.PYTHON3_12)
			.handler("app.handler")
			.role("arn:aws:iam::000000000000:role/lambda")
			.environment((environment) -> environment.variables(Map.of("GREETING", "hi")))
			.code((code) -> code.zipFile(SdkBytes.fromByteArray(zip))));
	}

	private LambdaClient keyWithRole(ControlPlaneClient admin, String namespace, String role) {
		LambdaClient client = SdkLambdaClients.withRole(this.port, admin, namespace, role);
		this.clients.add(client);
		return client;
	}

	private LambdaClient client(String accessKeyId, String secret) {
		LambdaClient client = SdkLambdaClients.signingAs(this.port, accessKeyId, secret);
		this.clients.add(client);
		return client;
	}

	private static String unique(String prefix) {
		return prefix + "-" + Long.toString(System.nanoTime(), 36);
	}

	private static byte[] sha256(byte[] content) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(content);
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String hex(byte[] bytes) {
		return java.util.HexFormat.of().formatHex(bytes);
	}

}
