package dev.aloft.controlplane.function;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import dev.aloft.controlplane.CodeZips;
import dev.aloft.problems.PlatformException;
import dev.aloft.controlplane.system.ProblemType;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The checks a code zip passes before it is stored: well-formed, nothing outside the task
 * root, bounded expansion, and the handler present for the runtime.
 */
class CodeArchiveTests {

	/** The production defaults, as Lambda: 50 MB zipped, 250 MB unzipped. */
	private static final CodeProperties DEFAULT_LIMITS = new CodeProperties(DataSize.ofMegabytes(50),
			DataSize.ofMegabytes(250), 20000);

	private static final CodeProperties SMALL_LIMITS = new CodeProperties(DataSize.ofKilobytes(64),
			DataSize.ofKilobytes(256), 10);

	@Test
	void acceptsWellFormedZipAndCountsItsInflatedBytes() {
		Map<String, byte[]> entries = new LinkedHashMap<>();
		entries.put("app.py", "def handler(event, context):\n    return event\n".getBytes(StandardCharsets.UTF_8));
		entries.put("lib/", new byte[0]);
		entries.put("lib/util.py", "X = 1\n".getBytes(StandardCharsets.UTF_8));
		entries.put("data/zeros.bin", new byte[10_000]);

		CodeArchive archive = CodeArchive.inspect(CodeZips.of(entries), DEFAULT_LIMITS);

		assertThat(archive.contains("app.py")).isTrue();
		assertThat(archive.contains("lib/util.py")).isTrue();
		assertThat(archive.contains("missing.py")).isFalse();
		assertThat(archive.hasEntryUnder("lib/")).isTrue();
		assertThat(archive.hasEntryUnder("data/zeros.bin")).isFalse();
		assertThat(archive.unzippedBytes()).isEqualTo(entries.values().stream().mapToLong((b) -> b.length).sum());
	}

	@Test
	void acceptsEntryNamesThatOnlyLookLikeParentReferences() {
		byte[] zip = new CodeZips.Crafted().entry("app.py", bytes("x"))
			.entry("..hidden/a.py", bytes("x"))
			.entry("a/b..c/d...py", bytes("x"))
			.build();

		CodeArchive archive = CodeArchive.inspect(zip, DEFAULT_LIMITS);

		assertThat(archive.contains("..hidden/a.py")).isTrue();
		assertThat(archive.contains("a/b..c/d...py")).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "../x", "..", "a/..", "a/../../b", "a/b/../../../c", "/abs", "/etc/passwd", "..\\x",
			"a\\..\\..\\b", "\\abs", "C:/Windows/x", "c:\\x", "nul\u0000.py" })
	void rejectsEntriesThatWouldLandOutsideTheTaskRoot(String name) {
		byte[] zip = new CodeZips.Crafted().entry("app.py", bytes("x")).entry(name, bytes("evil")).build();

		assertRejected(() -> CodeArchive.inspect(zip, DEFAULT_LIMITS), ProblemType.INVALID_CODE, name);
	}

	@Test
	void rejectsZipBombOfThreeHundredMegabytesOfZeros() {
		byte[] bomb = CodeZips.zeros("zeros.bin", DataSize.ofMegabytes(300).toBytes());
		assertThat(bomb.length).as("a bomb: small zipped").isLessThan((int) DataSize.ofMegabytes(2).toBytes());

		assertRejected(() -> CodeArchive.inspect(bomb, DEFAULT_LIMITS), ProblemType.CODE_TOO_LARGE,
				"expands to more than " + DataSize.ofMegabytes(250).toBytes());
	}

	@Test
	void acceptsExpansionUpToTheLimitAndRejectsOneByteMore() {
		long limit = SMALL_LIMITS.maxUnzippedSize().toBytes();

		assertThat(CodeArchive.inspect(CodeZips.zeros("zeros.bin", limit), SMALL_LIMITS).unzippedBytes())
			.isEqualTo(limit);
		assertRejected(() -> CodeArchive.inspect(CodeZips.zeros("zeros.bin", limit + 1), SMALL_LIMITS),
				ProblemType.CODE_TOO_LARGE, "expands");
	}

	@Test
	void countsExpansionAcrossEntries() {
		Map<String, byte[]> entries = new LinkedHashMap<>();
		for (int i = 0; i < 3; i++) {
			entries.put("part" + i + ".bin", new byte[100 * 1024]);
		}

		assertRejected(() -> CodeArchive.inspect(CodeZips.of(entries), SMALL_LIMITS), ProblemType.CODE_TOO_LARGE,
				"expands");
	}

	@Test
	void countsInflatedBytesNotTheSizeTheHeaderClaims() {
		byte[] zip = new CodeZips.Crafted().entry("app.py", "app.py", new byte[300 * 1024], 10).build();

		assertRejected(() -> CodeArchive.inspect(zip, SMALL_LIMITS), ProblemType.CODE_TOO_LARGE, "expands");
	}

	@Test
	void rejectsHeaderThatUnderstatesTheSizeEvenWithinTheLimit() {
		byte[] zip = new CodeZips.Crafted().entry("app.py", "app.py", new byte[1000], 10).build();

		assertRejected(() -> CodeArchive.inspect(zip, SMALL_LIMITS), ProblemType.INVALID_CODE, "corrupt");
	}

	@Test
	void rejectsZipLargerThanTheZippedLimit() {
		byte[] noise = new byte[100 * 1024];
		new Random(42).nextBytes(noise);
		byte[] zip = CodeZips.of(Map.of("app.py", noise));
		assertThat(zip.length).isGreaterThan((int) SMALL_LIMITS.maxZipSize().toBytes());

		assertRejected(() -> CodeArchive.inspect(zip, SMALL_LIMITS), ProblemType.CODE_TOO_LARGE,
				"the limit is " + SMALL_LIMITS.maxZipSize().toBytes());
	}

	/**
	 * The invoker unpacks code through the central directory (a zip file system), so the
	 * limits must hold for what the central directory lists, not only for what a
	 * streaming read of the local headers sees. Here a gap stops the streaming read after
	 * the first entry, while the central directory still lists a second entry that
	 * expands past the limit.
	 */
	@Test
	void limitsApplyToEntriesOnlyTheCentralDirectoryLists(@TempDir Path directory) throws IOException {
		long hiddenSize = 2 * SMALL_LIMITS.maxUnzippedSize().toBytes();
		byte[] zip = new CodeZips.Crafted().entry("app.py", bytes("def handler(e, c):\n    return e\n"))
			.gap(16)
			.entry("hidden.bin", new byte[(int) hiddenSize])
			.build();
		assertThat(unpackedSizes(zip, directory)).as("what a central-directory reader such as the invoker unpacks")
			.containsEntry("/app.py", 32L)
			.containsEntry("/hidden.bin", hiddenSize);

		assertThatExceptionOfType(PlatformException.class).isThrownBy(() -> CodeArchive.inspect(zip, SMALL_LIMITS))
			.satisfies((ex) -> assertThat(ex.problemType()).isIn(ProblemType.INVALID_CODE, ProblemType.CODE_TOO_LARGE));
	}

	@ParameterizedTest
	@ValueSource(strings = { "not a zip", "PK", "PK\u0003\u0004" })
	void rejectsBytesThatAreNotAZip(String content) {
		assertRejected(() -> CodeArchive.inspect(bytes(content), DEFAULT_LIMITS), ProblemType.INVALID_CODE, "zip");
	}

	@Test
	void rejectsNoBytesAtAll() {
		assertRejected(() -> CodeArchive.inspect(new byte[0], DEFAULT_LIMITS), ProblemType.INVALID_CODE,
				"not a zip archive");
	}

	@Test
	void rejectsGzipStream() {
		byte[] gzip = { 0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0 };

		assertRejected(() -> CodeArchive.inspect(gzip, DEFAULT_LIMITS), ProblemType.INVALID_CODE, "not a zip archive");
	}

	@Test
	void rejectsEmptyZip() {
		assertRejected(() -> CodeArchive.inspect(CodeZips.empty(), DEFAULT_LIMITS), ProblemType.INVALID_CODE, "empty");
	}

	@Test
	void rejectsCorruptCompressedData() {
		byte[] zip = CodeZips
			.of(Map.of("app.py", bytes("def handler(event, context):\n    return event\n".repeat(50))));
		int extraLength = (zip[28] & 0xff) | ((zip[29] & 0xff) << 8);
		int dataStart = 30 + "app.py".length() + extraLength;
		for (int i = dataStart + 2; i < dataStart + 12; i++) {
			zip[i] = (byte) 0xff;
		}

		assertRejected(() -> CodeArchive.inspect(zip, DEFAULT_LIMITS), ProblemType.INVALID_CODE, "corrupt");
	}

	@Test
	void rejectsTruncatedZip() {
		byte[] whole = CodeZips
			.of(Map.of("app.py", bytes("def handler(event, context):\n    return event\n".repeat(50))));
		byte[] truncated = Arrays.copyOf(whole, 50);

		assertRejected(() -> CodeArchive.inspect(truncated, DEFAULT_LIMITS), ProblemType.INVALID_CODE, "corrupt");
	}

	@Test
	void acceptsAsManyEntriesAsTheLimit() {
		CodeArchive archive = CodeArchive.inspect(CodeZips.withFiles(names(SMALL_LIMITS.maxEntries())), SMALL_LIMITS);

		assertThat(archive.contains("file" + (SMALL_LIMITS.maxEntries() - 1) + ".txt")).isTrue();
	}

	@Test
	void rejectsMoreEntriesThanTheLimit() {
		byte[] zip = CodeZips.withFiles(names(SMALL_LIMITS.maxEntries() + 1));

		assertRejected(() -> CodeArchive.inspect(zip, SMALL_LIMITS), ProblemType.INVALID_CODE,
				"more than " + SMALL_LIMITS.maxEntries() + " entries");
	}

	/**
	 * Every entry counts towards the limit; an entry that repeats a name is one more
	 * entry to unpack (and which copy wins depends on the reader).
	 */
	@Test
	void entriesWithRepeatedNamesCountTowardsTheLimit() {
		CodeZips.Crafted crafted = new CodeZips.Crafted();
		for (int i = 0; i <= SMALL_LIMITS.maxEntries(); i++) {
			crafted.entry("app.py", bytes("copy " + i));
		}
		byte[] zip = crafted.build();

		assertThatExceptionOfType(PlatformException.class).isThrownBy(() -> CodeArchive.inspect(zip, SMALL_LIMITS))
			.satisfies((ex) -> assertThat(ex.problemType()).isEqualTo(ProblemType.INVALID_CODE));
	}

	@ParameterizedTest(name = "{0} {1} in [{2}]")
	@CsvSource(delimiter = ';',
			value = { "python3.12; app.handler; app.py", "python3.12; app.handler; app/__init__.py",
					"python3.9; pkg.mod.handler; pkg/mod.py",
					"python3.13; pkg.mod.handler; pkg/__init__.py|pkg/mod/__init__.py",
					"python3.11; src/app.handler; src/app.py", "python3.14; app.lambda_handler; other.py|app.py",
					"nodejs20.x; index.handler; index.js", "nodejs22.x; index.handler; index.mjs",
					"nodejs18.x; index.handler; index.cjs", "nodejs24.x; src/index.handler; src/index.js",
					"provided; function.handler; bootstrap", "provided.al2023; anything; bootstrap|lib/libfoo.so",
					"java21; com.example.Handler::handleRequest; com/example/Handler.class",
					"java17; com.example.Handler; com/example/Handler.class",
					"java25; com.example.Handler::handleRequest; lib/function.jar" })
	void acceptsHandlerPresentInTheArchive(String runtime, String handler, String files) {
		CodeArchive archive = CodeArchive.inspect(CodeZips.withFiles(files.split("\\|")), DEFAULT_LIMITS);

		archive.requireHandler(runtime(runtime), handler);
	}

	@ParameterizedTest(name = "{0} {1} in [{2}]")
	@CsvSource(delimiter = ';', value = { "python3.12; app.handler; main.py", "python3.12; app.handler; app.js",
			"python3.12; app.handler; lib/app.py", "python3.12; app.handler; app.pyc",
			"python3.12; pkg.mod.handler; mod.py", "python3.12; pkg.mod.handler; pkg/mod.js",
			"python3.12; handler; handler.py", "python3.12; .handler; app.py", "nodejs20.x; index.handler; index.ts",
			"nodejs20.x; index.handler; app.js", "nodejs20.x; index.handler; src/index.js",
			"nodejs20.x; handler; handler.js", "provided.al2; handler; bin/bootstrap",
			"provided.al2; handler; bootstrap.sh", "java21; com.example.Handler::handleRequest; Handler.class",
			"java21; com.example.Handler::handleRequest; com/example/Other.class",
			"java21; com.example.Handler::handleRequest; library/function.jar" })
	void rejectsHandlerMissingFromTheArchive(String runtime, String handler, String files) {
		CodeArchive archive = CodeArchive.inspect(CodeZips.withFiles(files.split("\\|")), DEFAULT_LIMITS);

		assertRejected(() -> archive.requireHandler(runtime(runtime), handler), ProblemType.INVALID_CODE, handler);
	}

	@Test
	void explainsWhereAProvidedRuntimeLooksForItsBootstrap() {
		CodeArchive archive = CodeArchive.inspect(CodeZips.withFiles("main"), DEFAULT_LIMITS);

		assertRejected(() -> archive.requireHandler(FunctionRuntime.PROVIDED_AL2023, "main"), ProblemType.INVALID_CODE,
				"'bootstrap' at the root");
	}

	/**
	 * Lambda's Node.js runtime splits the handler at the first dot of its file part: the
	 * module is {@code index} and {@code nested.handler} a property path inside it.
	 */
	@Test
	void findsNodeModuleOfNestedHandlerAtTheFirstDot() {
		CodeArchive archive = CodeArchive.inspect(CodeZips.withFiles("index.js"), DEFAULT_LIMITS);

		archive.requireHandler(FunctionRuntime.NODEJS_20, "index.nested.handler");
	}

	@ParameterizedTest
	@EnumSource(FunctionRuntime.class)
	void everyRuntimeFindsHandlerTheWayItsFamilyDoes(FunctionRuntime runtime) {
		String handler = switch (runtime.family()) {
			case PYTHON, NODE, PROVIDED -> "app.handler";
			case JAVA -> "example.App::handleRequest";
		};
		String file = switch (runtime.family()) {
			case PYTHON -> "app.py";
			case NODE -> "app.js";
			case PROVIDED -> "bootstrap";
			case JAVA -> "example/App.class";
		};
		assertThat(FunctionRuntime.of(runtime.id())).contains(runtime);

		CodeArchive.inspect(CodeZips.withFiles(file), DEFAULT_LIMITS).requireHandler(runtime, handler);
		CodeArchive readmeOnly = CodeArchive.inspect(CodeZips.withFiles("README.md"), DEFAULT_LIMITS);
		assertRejected(() -> readmeOnly.requireHandler(runtime, handler), ProblemType.INVALID_CODE, handler);
	}

	@Test
	void codeLimitsRejectAnUnzippedLimitBelowTheZippedOne() {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> new CodeProperties(DataSize.ofMegabytes(50), DataSize.ofMegabytes(10), 100))
			.withMessageContaining("max-unzipped-size");
	}

	private static void assertRejected(ThrowingCallable call, ProblemType type, String detailFragment) {
		assertThatExceptionOfType(PlatformException.class).isThrownBy(call).satisfies((ex) -> {
			assertThat(ex.problemType()).isEqualTo(type);
			assertThat(ex.getBody().getDetail()).contains(detailFragment);
		});
	}

	private static Map<String, Long> unpackedSizes(byte[] zip, Path directory) throws IOException {
		Path file = Files.write(directory.resolve("code.zip"), zip);
		Map<String, Long> sizes = new LinkedHashMap<>();
		try (FileSystem archive = FileSystems.newFileSystem(file);
				Stream<Path> entries = Files.walk(archive.getPath("/"))) {
			for (Path entry : entries.filter(Files::isRegularFile).toList()) {
				sizes.put(entry.toString(), (long) Files.readAllBytes(entry).length);
			}
		}
		return sizes;
	}

	private static FunctionRuntime runtime(String id) {
		return FunctionRuntime.of(id).orElseThrow();
	}

	private static String[] names(int count) {
		String[] names = new String[count];
		for (int i = 0; i < count; i++) {
			names[i] = "file" + i + ".txt";
		}
		return names;
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
