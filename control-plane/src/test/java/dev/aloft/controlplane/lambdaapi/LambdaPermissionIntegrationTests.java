package dev.aloft.controlplane.lambdaapi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.aloft.controlplane.CodeZips;
import dev.aloft.controlplane.ControlPlaneClient;
import dev.aloft.controlplane.TriggerTestSupport;
import dev.aloft.testsupport.PostgresTestDatabaseInitializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.AddPermissionResponse;
import software.amazon.awssdk.services.lambda.model.CreateFunctionResponse;
import software.amazon.awssdk.services.lambda.model.GetPolicyResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.PreconditionFailedException;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.Runtime;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.ContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Lambda's {@code AddPermission}, {@code GetPolicy} and {@code RemovePermission} driven
 * by the AWS SDK: statements that let an access key invoke a function, with Lambda's
 * errors, only for developers and admins of the function's namespace.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = PostgresTestDatabaseInitializer.class)
class LambdaPermissionIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	private ControlPlaneClient admin;

	private LambdaClient lambda;

	private final List<LambdaClient> clients = new ArrayList<>();

	@BeforeEach
	void client() {
		this.admin = new ControlPlaneClient(this.port);
		this.lambda = client(ControlPlaneClient.ADMIN_ACCESS_KEY_ID, ControlPlaneClient.ADMIN_SECRET);
	}

	@AfterEach
	void close() {
		this.clients.forEach(LambdaClient::close);
	}

	@Test
	void addsReadsAndRemovesStatementsAsLambdaDoes() {
		String name = unique("policy");
		CreateFunctionResponse function = create(this.lambda, name);
		this.lambda.publishVersion((publish) -> publish.functionName(name));
		this.lambda.createAlias((alias) -> alias.functionName(name).name("live").functionVersion("1"));
		String key = newKeyId();
		String account = function.functionArn().split(":")[4];

		AddPermissionResponse added = this.lambda.addPermission((add) -> add.functionName(name)
			.statementId("invoke-any")
			.action("lambda:InvokeFunction")
			.principal(key));
		JsonNode statement = JSON.readTree(added.statement());
		assertThat(statement.get("Sid").asString()).isEqualTo("invoke-any");
		assertThat(statement.get("Effect").asString()).isEqualTo("Allow");
		assertThat(statement.get("Action").asString()).isEqualTo("lambda:InvokeFunction");
		assertThat(statement.get("Principal").get("AWS").asString())
			.isEqualTo("arn:aws:iam::" + account + ":user/" + key);
		assertThat(statement.get("Resource").asString()).isEqualTo(function.functionArn());
		this.lambda.addPermission((add) -> add.functionName(name)
			.qualifier("live")
			.statementId("invoke-live")
			.action("lambda:InvokeFunction")
			.principal("arn:aws:iam::" + account + ":user/" + key));

		GetPolicyResponse whole = this.lambda.getPolicy((get) -> get.functionName(name));
		JsonNode policy = JSON.readTree(whole.policy());
		assertThat(policy.get("Version").asString()).isEqualTo("2012-10-17");
		assertThat(policy.get("Statement").valueStream().map((each) -> each.get("Sid").asString()))
			.containsExactly("invoke-any", "invoke-live");
		assertThat(policy.get("Statement").get(1).get("Resource").asString())
			.isEqualTo(function.functionArn() + ":live");
		GetPolicyResponse live = this.lambda.getPolicy((get) -> get.functionName(name).qualifier("live"));
		assertThat(
				JSON.readTree(live.policy()).get("Statement").valueStream().map((each) -> each.get("Sid").asString()))
			.containsExactly("invoke-live");
		assertThat(TriggerTestSupport.feed(this.admin, "FUNCTION_PERMISSION")
			.stream()
			.filter((resource) -> resource.get("functionName").asString().equals(name))).hasSize(2);

		assertThatExceptionOfType(PreconditionFailedException.class).isThrownBy(() -> this.lambda
			.removePermission((remove) -> remove.functionName(name).statementId("invoke-any").revisionId("stale")));
		this.lambda.removePermission(
				(remove) -> remove.functionName(name).statementId("invoke-any").revisionId(whole.revisionId()));
		assertThat(this.lambda.getPolicy((get) -> get.functionName(name)).revisionId())
			.isNotEqualTo(whole.revisionId());
		this.lambda.removePermission((remove) -> remove.functionName(name).statementId("invoke-live"));
		assertThatExceptionOfType(ResourceNotFoundException.class)
			.isThrownBy(() -> this.lambda.getPolicy((get) -> get.functionName(name)))
			.withMessageContaining("The resource you requested does not exist.");
		assertThat(TriggerTestSupport.feed(this.admin, "FUNCTION_PERMISSION")
			.stream()
			.filter((resource) -> resource.get("functionName").asString().equals(name))).isEmpty();
	}

	@Test
	void badInputIsRefusedWithLambdasErrorsAndChangesNothing() {
		String name = unique("badpolicy");
		create(this.lambda, name);
		String key = newKeyId();
		this.lambda.addPermission(
				(add) -> add.functionName(name).statementId("taken").action("lambda:InvokeFunction").principal(key));
		String revision = this.lambda.getPolicy((get) -> get.functionName(name)).revisionId();

		assertThatExceptionOfType(ResourceConflictException.class).isThrownBy(() -> this.lambda.addPermission(
				(add) -> add.functionName(name).statementId("taken").action("lambda:InvokeFunction").principal(key)))
			.withMessageContaining("The statement id (taken) provided already exists");
		for (String principal : List.of("s3.amazonaws.com", "*", "123456789012", "AKIANOSUCHKEY0000000",
				"arn:aws:iam::123456789012:role/r")) {
			assertThatExceptionOfType(InvalidParameterValueException.class).as(principal)
				.isThrownBy(() -> this.lambda.addPermission((add) -> add.functionName(name)
					.statementId("p")
					.action("lambda:InvokeFunction")
					.principal(principal)))
				.withMessageContaining("The provided principal was invalid");
		}
		for (String action : List.of("lambda:*", "*", "lambda:GetFunction")) {
			assertThatExceptionOfType(InvalidParameterValueException.class).as(action)
				.isThrownBy(() -> this.lambda
					.addPermission((add) -> add.functionName(name).statementId("a").action(action).principal(key)));
		}
		assertThatExceptionOfType(InvalidParameterValueException.class)
			.isThrownBy(() -> this.lambda.addPermission((add) -> add.functionName(name)
				.statementId("c")
				.action("lambda:InvokeFunction")
				.principal(key)
				.sourceArn("arn:aws:s3:::bucket")));
		assertThatExceptionOfType(LambdaException.class).isThrownBy(() -> this.lambda.addPermission(
				(add) -> add.functionName(name).statementId("bad id").action("lambda:InvokeFunction").principal(key)))
			.satisfies((ex) -> assertThat(ex.statusCode()).isEqualTo(400));
		assertThatExceptionOfType(ResourceNotFoundException.class)
			.isThrownBy(() -> this.lambda.addPermission((add) -> add.functionName(name)
				.qualifier("nosuchalias")
				.statementId("q")
				.action("lambda:InvokeFunction")
				.principal(key)));
		assertThatExceptionOfType(ResourceNotFoundException.class)
			.isThrownBy(() -> this.lambda.addPermission((add) -> add.functionName(unique("nosuchfn"))
				.statementId("f")
				.action("lambda:InvokeFunction")
				.principal(key)));
		assertThatExceptionOfType(ResourceNotFoundException.class)
			.isThrownBy(() -> this.lambda.removePermission((remove) -> remove.functionName(name).statementId("gone")))
			.withMessageContaining("Statement gone is not found in resource policy.");
		assertThatExceptionOfType(ResourceNotFoundException.class).as("the statement is not limited to that qualifier")
			.isThrownBy(() -> this.lambda
				.removePermission((remove) -> remove.functionName(name).statementId("taken").qualifier("$LATEST")));

		assertThat(this.lambda.getPolicy((get) -> get.functionName(name)).revisionId()).isEqualTo(revision);
	}

	@Test
	void onlyDevelopersAndAdminsOfTheFunctionsNamespaceGrant() {
		String team = unique("team");
		assertThat(this.admin.post("/v1/namespaces", Map.of("name", team)).getStatusCode())
			.isEqualTo(HttpStatus.CREATED);
		LambdaClient developer = keyWithRole(team, "DEVELOPER");
		LambdaClient viewer = keyWithRole(team, "VIEWER");
		LambdaClient invoker = keyWithRole(team, "INVOKER");
		String name = unique("teamfn");
		CreateFunctionResponse teams = create(developer, name);
		CreateFunctionResponse defaults = create(this.lambda, name);
		String key = newKeyId();

		for (LambdaClient refused : List.of(viewer, invoker)) {
			assertThatExceptionOfType(LambdaException.class).isThrownBy(() -> refused.addPermission(
					(add) -> add.functionName(name).statementId("s").action("lambda:InvokeFunction").principal(key)))
				.satisfies(LambdaPermissionIntegrationTests::accessDenied);
		}
		assertThatExceptionOfType(LambdaException.class).as("another namespace's function")
			.isThrownBy(() -> developer.addPermission((add) -> add.functionName(defaults.functionArn())
				.statementId("s")
				.action("lambda:InvokeFunction")
				.principal(key)))
			.satisfies(LambdaPermissionIntegrationTests::accessDenied);

		developer.addPermission(
				(add) -> add.functionName(name).statementId("s").action("lambda:InvokeFunction").principal(key));
		assertThat(viewer.getPolicy((get) -> get.functionName(name)).policy()).contains(teams.functionArn());
		assertThatExceptionOfType(LambdaException.class)
			.isThrownBy(() -> viewer.removePermission((remove) -> remove.functionName(name).statementId("s")))
			.satisfies(LambdaPermissionIntegrationTests::accessDenied);
		assertThatExceptionOfType(ResourceNotFoundException.class).as("the default namespace's function is untouched")
			.isThrownBy(() -> this.lambda.getPolicy((get) -> get.functionName(defaults.functionArn())));
	}

	private static void accessDenied(LambdaException ex) {
		assertThat(ex.statusCode()).isEqualTo(403);
		assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
	}

	private static CreateFunctionResponse create(LambdaClient client, String name) {
		return client.createFunction((create) -> create.functionName(name)
			.runtime(Runtime.PYTHON3_12)
			.handler("app.handler")
			.role("arn:aws:iam::000000000000:role/lambda")
			.code((code) -> code.zipFile(SdkBytes.fromByteArray(CodeZips.pythonApp()))));
	}

	private String newKeyId() {
		return this.admin.post("/v1/access-keys", Map.of()).getBody().get("accessKeyId").asString();
	}

	private LambdaClient keyWithRole(String namespace, String role) {
		LambdaClient client = SdkLambdaClients.withRole(this.port, this.admin, namespace, role);
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

}
