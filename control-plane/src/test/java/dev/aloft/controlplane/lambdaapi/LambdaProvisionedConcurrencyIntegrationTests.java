package dev.aloft.controlplane.lambdaapi;

import java.util.Map;

import dev.aloft.controlplane.CodeZips;
import dev.aloft.testsupport.PostgresTestDatabaseInitializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.GetProvisionedConcurrencyConfigResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.ListProvisionedConcurrencyConfigsResponse;
import software.amazon.awssdk.services.lambda.model.ProvisionedConcurrencyConfigListItem;
import software.amazon.awssdk.services.lambda.model.ProvisionedConcurrencyConfigNotFoundException;
import software.amazon.awssdk.services.lambda.model.ProvisionedConcurrencyStatusEnum;
import software.amazon.awssdk.services.lambda.model.PutProvisionedConcurrencyConfigResponse;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.Runtime;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Lambda's provisioned concurrency calls driven by the AWS SDK's {@code LambdaClient}:
 * put, get, list and delete per version or alias, with Lambda's errors.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = PostgresTestDatabaseInitializer.class)
class LambdaProvisionedConcurrencyIntegrationTests {

	@LocalServerPort
	private int port;

	private LambdaClient lambda;

	private String name;

	@BeforeEach
	void functionWithAVersionAndAnAlias() {
		this.lambda = SdkLambdaClients.admin(this.port);
		this.name = "provisioned-" + Long.toString(System.nanoTime(), 36);
		this.lambda.createFunction((create) -> create.functionName(this.name)
			.runtime(Runtime.PYTHON3_12)
			.handler("app.handler")
			.role("arn:aws:iam::000000000000:role/lambda")
			.environment((environment) -> environment.variables(Map.of("GREETING", "hi")))
			.code((code) -> code.zipFile(SdkBytes.fromByteArray(CodeZips.pythonApp())))
			.publish(true));
		this.lambda.createAlias((alias) -> alias.functionName(this.name).name("live").functionVersion("1"));
	}

	@AfterEach
	void close() {
		this.lambda.close();
	}

	@Test
	void putsGetsListsAndDeletesAsLambdaDoes() {
		PutProvisionedConcurrencyConfigResponse put = this.lambda.putProvisionedConcurrencyConfig(
				(request) -> request.functionName(this.name).qualifier("live").provisionedConcurrentExecutions(2));
		assertThat(put.sdkHttpResponse().statusCode()).isEqualTo(202);
		assertThat(put.requestedProvisionedConcurrentExecutions()).isEqualTo(2);
		assertThat(put.allocatedProvisionedConcurrentExecutions()).isEqualTo(2);
		assertThat(put.availableProvisionedConcurrentExecutions()).isEqualTo(2);
		assertThat(put.status()).isEqualTo(ProvisionedConcurrencyStatusEnum.READY);
		assertThat(put.lastModified()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+0000");

		GetProvisionedConcurrencyConfigResponse got = this.lambda
			.getProvisionedConcurrencyConfig((request) -> request.functionName(this.name + ":live"));
		assertThat(got.requestedProvisionedConcurrentExecutions()).isEqualTo(2);
		assertThat(got.status()).isEqualTo(ProvisionedConcurrencyStatusEnum.READY);

		ListProvisionedConcurrencyConfigsResponse listed = this.lambda
			.listProvisionedConcurrencyConfigs((request) -> request.functionName(this.name));
		assertThat(listed.provisionedConcurrencyConfigs()).extracting(ProvisionedConcurrencyConfigListItem::functionArn)
			.containsExactly("arn:aws:lambda:us-east-1:000000000000:function:" + this.name + ":live");
		assertThat(listed.nextMarker()).isNull();

		this.lambda.deleteProvisionedConcurrencyConfig((request) -> request.functionName(this.name).qualifier("live"));
		assertThatExceptionOfType(ProvisionedConcurrencyConfigNotFoundException.class)
			.isThrownBy(() -> this.lambda
				.getProvisionedConcurrencyConfig((request) -> request.functionName(this.name).qualifier("live")))
			.satisfies((ex) -> assertThat(ex.statusCode()).isEqualTo(404))
			.withMessageContaining("No Provisioned Concurrency Config found for this function");
		assertThat(this.lambda.listProvisionedConcurrencyConfigs((request) -> request.functionName(this.name))
			.provisionedConcurrencyConfigs()).isEmpty();
	}

	@Test
	void refusesWhatLambdaRefuses() {
		assertThatExceptionOfType(InvalidParameterValueException.class)
			.isThrownBy(() -> this.lambda.putProvisionedConcurrencyConfig((request) -> request.functionName(this.name)
				.qualifier("$LATEST")
				.provisionedConcurrentExecutions(1)))
			.withMessageContaining("unpublished function versions");
		assertThatExceptionOfType(ResourceNotFoundException.class)
			.isThrownBy(() -> this.lambda.putProvisionedConcurrencyConfig(
					(request) -> request.functionName(this.name).qualifier("7").provisionedConcurrentExecutions(1)));
		this.lambda.putProvisionedConcurrencyConfig(
				(request) -> request.functionName(this.name).qualifier("live").provisionedConcurrentExecutions(1));
		assertThatExceptionOfType(ResourceConflictException.class)
			.isThrownBy(() -> this.lambda.putProvisionedConcurrencyConfig(
					(request) -> request.functionName(this.name).qualifier("1").provisionedConcurrentExecutions(1)));
		this.lambda
			.putFunctionConcurrency((request) -> request.functionName(this.name).reservedConcurrentExecutions(1));
		assertThatExceptionOfType(InvalidParameterValueException.class)
			.isThrownBy(() -> this.lambda.putProvisionedConcurrencyConfig(
					(request) -> request.functionName(this.name).qualifier("live").provisionedConcurrentExecutions(2)))
			.withMessageContaining("reservedConcurrentExecution");
		assertThatExceptionOfType(ProvisionedConcurrencyConfigNotFoundException.class).isThrownBy(() -> this.lambda
			.deleteProvisionedConcurrencyConfig((request) -> request.functionName(this.name).qualifier("1")));
	}

}
