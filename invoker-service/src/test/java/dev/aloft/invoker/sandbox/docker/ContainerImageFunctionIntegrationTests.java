package dev.aloft.invoker.sandbox.docker;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.aloft.contracts.config.FunctionVersionConfig;
import dev.aloft.contracts.config.FunctionVersionConfig.ImageConfig;
import dev.aloft.contracts.invoke.InvokerApi;
import dev.aloft.invoker.FakeControlPlane;
import dev.aloft.invoker.InvokerIntegrationSupport;
import dev.aloft.invoker.spi.SandboxSpec;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Container-image functions on the docker backend, against the real engine: an image
 * built here, without network, from the local runtime image, whose own entry point is a
 * small custom runtime speaking the Runtime API and whose command names the handler. The
 * invoker never pulls ({@code pull=never}).
 */
@TestPropertySource(properties = { "aloft.invoker.sandbox.backend=docker", "aloft.invoker.instance-id=invoker-image-it",
		"aloft.invoker.sandbox.docker.pull=never" })
class ContainerImageFunctionIntegrationTests extends InvokerIntegrationSupport {

	static final String IMAGE = "aloft-test/image-function:local";

	/** The image's entry point: a custom runtime, as a Lambda base image has one. */
	private static final String RUNTIME = """
			import json, os, sys, urllib.request

			api = "http://" + os.environ["AWS_LAMBDA_RUNTIME_API"] + "/2018-06-01/runtime/invocation/"
			handler = sys.argv[1] if len(sys.argv) > 1 else ""
			print("custom runtime starting with " + handler, flush=True)
			while True:
			    with urllib.request.urlopen(api + "next") as next:
			        request_id = next.headers["Lambda-Runtime-Aws-Request-Id"]
			        event = json.loads(next.read() or b"{}")
			    print("handling " + request_id + " with " + handler, flush=True)
			    if event.get("exit"):
			        sys.exit(7)
			    writable = []
			    for path in ["/tmp/probe", "/opt/runtime/probe", "/probe"]:
			        try:
			            with open(path, "w") as probe:
			                probe.write("x")
			            writable.append(path)
			        except OSError:
			            pass
			    with open("/proc/1/cmdline", "rb") as cmdline:
			        pid1 = [part.decode() for part in cmdline.read().split(b"\\0") if part]
			    message = event.get("message", "")
			    answer = {"handler": handler, "message": message.upper() if handler == "shout" else message,
			              "pid1": pid1, "cwd": os.getcwd(), "environment": dict(os.environ), "writable": writable}
			    posted = urllib.request.Request(api + request_id + "/response", data=json.dumps(answer).encode(),
			                                    method="POST")
			    urllib.request.urlopen(posted).read()
			""";

	private static final String DOCKERFILE = """
			FROM %s
			COPY runtime.py /opt/runtime/runtime.py
			ENV PATH=/opt/runtime:/usr/local/bin:/usr/bin:/bin
			WORKDIR /opt/runtime
			ENTRYPOINT ["python3", "-u", "/opt/runtime/runtime.py"]
			CMD ["echo"]
			""".formatted(DockerInvocationIntegrationTests.IMAGE);

	private static final DockerEngine ENGINE = new DockerEngine(DockerSandboxBackendContractIntegrationTests.SOCKET);

	@BeforeAll
	static void buildTheImage() {
		DockerInvocationIntegrationTests.requireDocker();
		Map<String, byte[]> context = new LinkedHashMap<>();
		context.put("Dockerfile", DOCKERFILE.getBytes(StandardCharsets.UTF_8));
		context.put("runtime.py", RUNTIME.getBytes(StandardCharsets.UTF_8));
		// The classic builder, from the local base image, with no network and no pull.
		DockerEngine.Response built = ENGINE.call("POST",
				"/build?t=" + DockerEngine.encode(IMAGE) + "&networkmode=none&pull=0&rm=1&forcerm=1", tar(context),
				"application/x-tar");
		assertThat(built.ok() && !built.body().contains("\"error\"")).as(built.body()).isTrue();
	}

	@Test
	void theImagesOwnEntryPointRunsItsCommandWithTheFunctionsEnvironment() {
		FunctionVersionConfig function = deploy("image-echo", Map.of("GREETING", "hello"), null);

		Invoked invoked = invoke(function, "{\"message\":\"quiet\"}");

		assertThat(invoked.status()).as(invoked.toString()).isEqualTo(200);
		assertThat(invoked.header(InvokerApi.OUTCOME)).as(invoked.toString()).isEqualTo("SUCCESS");
		JsonNode answer = invoked.json();
		assertThat(answer.get("handler").asString()).as("the image's CMD").isEqualTo("echo");
		assertThat(answer.get("message").asString()).isEqualTo("quiet");
		assertThat(strings(answer.get("pid1"))).as("the image's ENTRYPOINT is the container's process")
			.containsExactly("python3", "-u", "/opt/runtime/runtime.py", "echo");
		assertThat(answer.get("cwd").asString()).as("the image's WORKDIR").isEqualTo("/opt/runtime");
		JsonNode environment = answer.get("environment");
		assertThat(environment.get("GREETING").asString()).isEqualTo("hello");
		assertThat(environment.get("AWS_LAMBDA_RUNTIME_API").asString()).startsWith("127.0.0.1:");
		assertThat(environment.get("AWS_LAMBDA_FUNCTION_NAME").asString()).isEqualTo("image-echo");
		assertThat(environment.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE").asString()).isEqualTo("128");
		assertThat(environment.get("LAMBDA_TASK_ROOT").asString()).isEqualTo("/var/task");
		assertThat(environment.get("PATH").asString()).as("the image's own PATH")
			.isEqualTo("/opt/runtime:/usr/local/bin:/usr/bin:/bin");
		assertThat(names(environment)).as("nothing of the invoker's runtimes")
			.doesNotContain("LAMBDA_RUNTIME_DIR", "_HANDLER", "AWS_EXECUTION_ENV");
		Set<String> lambdas = Set.of("PATH", "HOME", "TZ", "LANG", "HOSTNAME", "TMPDIR");
		assertThat(names(environment)).as("nothing of the invoker's environment")
			.doesNotContainAnyElementsOf(
					System.getenv().keySet().stream().filter((name) -> !lambdas.contains(name)).toList());
		assertThat(strings(answer.get("writable"))).as("only /tmp is writable").containsExactly("/tmp/probe");
	}

	@Test
	void imageConfigReplacesTheCommandAndWorkingDirectory() {
		FunctionVersionConfig function = deploy("image-shout", Map.of(),
				new ImageConfig(List.of(), List.of("shout"), "/tmp"));

		Invoked invoked = invoke(function, "{\"message\":\"loud\"}");

		assertThat(invoked.status()).as(invoked.toString()).isEqualTo(200);
		JsonNode answer = invoked.json();
		assertThat(answer.get("handler").asString()).isEqualTo("shout");
		assertThat(answer.get("message").asString()).isEqualTo("LOUD");
		assertThat(strings(answer.get("pid1"))).containsExactly("python3", "-u", "/opt/runtime/runtime.py", "shout");
		assertThat(answer.get("cwd").asString()).isEqualTo("/tmp");
	}

	@Test
	void theContainerIsConfinedLabelledAndMountsNothing() {
		FunctionVersionConfig function = deploy("image-confined", Map.of(), null);
		assertThat(invoke(function, "{}").status()).isEqualTo(200);

		JsonNode container = runningContainer("image-confined");

		assertThat(container.path("Config").path("Image").asString()).isEqualTo(IMAGE);
		assertThat(container.path("Config").path("Labels").path(SandboxSpec.VERSION_LABEL).asString())
			.isEqualTo(FunctionVersionConfig.LATEST);
		JsonNode host = container.path("HostConfig");
		assertThat(host.path("Memory").asLong()).isEqualTo(128L * 1024 * 1024);
		assertThat(host.path("MemorySwap").asLong()).isEqualTo(128L * 1024 * 1024);
		assertThat(host.path("PidsLimit").asInt()).isEqualTo(1024);
		assertThat(host.path("ReadonlyRootfs").asBoolean()).isTrue();
		assertThat(host.path("SecurityOpt").toString()).contains("no-new-privileges");
		assertThat(host.path("CapDrop").toString()).contains("ALL");
		assertThat(host.path("NetworkMode").asString()).isEqualTo("host");
		assertThat(host.path("Tmpfs").path("/tmp").asString()).contains("size=512m");
		assertThat(container.path("Mounts").size()).as("no code mount").isZero();
	}

	@Test
	void theLogTailHoldsTheRuntimesOutputAndItsExitIsAnExitError() {
		FunctionVersionConfig function = deploy("image-exit", Map.of(), null);

		Invoked first = invoke(function, "{}".getBytes(StandardCharsets.UTF_8),
				Map.of(InvokerApi.LOG_TYPE, InvokerApi.LOG_TYPE_TAIL));
		Invoked exited = invoke(function, "{\"exit\":true}");

		assertThat(first.status()).as(first.toString()).isEqualTo(200);
		assertThat(new String(Base64.getDecoder().decode(first.header(InvokerApi.LOG_RESULT)), StandardCharsets.UTF_8))
			.containsSubsequence("custom runtime starting with echo", "START RequestId: " + first.requestId(),
					"handling " + first.requestId() + " with echo", "REPORT RequestId: " + first.requestId());
		assertThat(exited.header(InvokerApi.FUNCTION_ERROR)).as(exited.toString()).isEqualTo("Unhandled");
		assertThat(exited.json().get("errorType").asString()).isEqualTo("Runtime.ExitError");
		assertThat(exited.json().get("errorMessage").asString()).contains("exit status 7");
	}

	@Test
	void anImageTheEngineDoesNotHoldIsNotPulledAndTheAnswerNamesIt() {
		String absent = "aloft-test/absent-" + UUID.randomUUID().toString().substring(0, 8) + ":1";
		FunctionVersionConfig function = deploy("image-absent", absent, Map.of(), null);

		Invoked invoked = invoke(function, "{}");

		assertThat(invoked.status()).as(invoked.toString()).isEqualTo(502);
		assertThat(invoked.header(InvokerApi.ERROR_TYPE)).isEqualTo("Aloft.StartFailed");
		assertThat(invoked.json().get("detail").asString())
			.contains("The image " + absent + " is not on the Docker engine")
			.contains("aloft.invoker.sandbox.docker.pull is never");
		assertThat(ENGINE.call("GET", "/images/" + absent + "/json", null).status()).as("not pulled").isEqualTo(404);
	}

	private static FunctionVersionConfig deploy(String name, Map<String, String> environment,
			@Nullable ImageConfig imageConfig) {
		return deploy(name, IMAGE, environment, imageConfig);
	}

	static FunctionVersionConfig deploy(String name, String image, Map<String, String> environment,
			@Nullable ImageConfig imageConfig) {
		FunctionVersionConfig function = new FunctionVersionConfig(NAMESPACE, name, FunctionVersionConfig.LATEST,
				UUID.randomUUID().toString(), "", "", 128, 10, 512, environment, Map.of(),
				FakeControlPlane.sha256(image.getBytes(StandardCharsets.UTF_8)), 0, FunctionVersionConfig.IMAGE, image,
				imageConfig);
		CONTROL_PLANE.put(function);
		return function;
	}

	private static JsonNode runningContainer(String functionName) {
		String filters = "{\"label\":[\"aloft.function=" + NAMESPACE + "/" + functionName
				+ "\",\"aloft.instance=invoker-image-it\"]}";
		DockerEngine.Response listed = ENGINE.call("GET", "/containers/json?filters=" + DockerEngine.encode(filters),
				null);
		JsonNode containers = ENGINE.parse(listed);
		assertThat(containers.size()).as(listed.body()).isEqualTo(1);
		return ENGINE
			.parse(ENGINE.call("GET", "/containers/" + containers.get(0).path("Id").asString() + "/json", null));
	}

	private static List<String> strings(JsonNode array) {
		List<String> strings = new ArrayList<>();
		array.forEach((element) -> strings.add(element.asString()));
		return strings;
	}

	private static List<String> names(JsonNode object) {
		return object.properties().stream().map(Map.Entry::getKey).toList();
	}

	/**
	 * A tar (ustar) of regular files, as the engine's build takes its context.
	 */
	static byte[] tar(Map<String, byte[]> files) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		files.forEach((name, content) -> {
			byte[] header = new byte[512];
			put(header, 0, name);
			put(header, 100, "0000644");
			put(header, 108, "0000000");
			put(header, 116, "0000000");
			put(header, 124, String.format("%011o", content.length));
			put(header, 136, String.format("%011o", 0));
			header[156] = '0';
			put(header, 257, "ustar");
			put(header, 263, "00");
			// The checksum counts its own field as spaces.
			Arrays.fill(header, 148, 156, (byte) ' ');
			int sum = 0;
			for (byte b : header) {
				sum += b & 0xff;
			}
			put(header, 148, String.format("%06o", sum));
			header[154] = 0;
			out.writeBytes(header);
			out.writeBytes(content);
			out.writeBytes(new byte[(512 - content.length % 512) % 512]);
		});
		out.writeBytes(new byte[1024]);
		return out.toByteArray();
	}

	private static void put(byte[] header, int offset, String value) {
		byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
		System.arraycopy(bytes, 0, header, offset, bytes.length);
	}

}
