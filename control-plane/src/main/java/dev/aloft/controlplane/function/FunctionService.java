package dev.aloft.controlplane.function;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import dev.aloft.contracts.config.FunctionVersionConfig;
import dev.aloft.contracts.config.ResourceKind;
import dev.aloft.controlplane.configfeed.ConfigFeed;
import dev.aloft.controlplane.namespace.Namespaces;
import dev.aloft.controlplane.system.Constraints;
import dev.aloft.controlplane.system.CursorPage;
import dev.aloft.problems.PlatformException;
import dev.aloft.controlplane.system.ProblemType;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates, reads and deletes functions, and publishes their runnable configuration on the
 * feed.
 */
@Service
public class FunctionService {

	private static final Pattern WHITESPACE = Pattern.compile("\\s+");

	private static final int DEFAULT_MEMORY_MB = 128;

	private static final int DEFAULT_TIMEOUT_SECONDS = 3;

	private static final int DEFAULT_EPHEMERAL_STORAGE_MB = 512;

	private final FunctionDefinitionRepository functions;

	private final CodeArtifactRepository artifacts;

	private final CodeArtifactStore artifactStore;

	private final Namespaces namespaces;

	private final ConfigFeed configFeed;

	private final CodeProperties codeLimits;

	private final Clock clock;

	FunctionService(FunctionDefinitionRepository functions, CodeArtifactRepository artifacts,
			CodeArtifactStore artifactStore, Namespaces namespaces, ConfigFeed configFeed, CodeProperties codeLimits) {
		this.functions = functions;
		this.artifacts = artifacts;
		this.artifactStore = artifactStore;
		this.namespaces = namespaces;
		this.configFeed = configFeed;
		this.codeLimits = codeLimits;
		this.clock = Clock.systemUTC();
	}

	/**
	 * Checks that a function exists.
	 * @param namespace the namespace
	 * @param name the function name
	 * @throws PlatformException {@code FUNCTION_NOT_FOUND} when it does not
	 */
	@Transactional(readOnly = true)
	public void requireExisting(String namespace, String name) {
		if (!this.functions.existsByNamespaceAndName(namespace, name)) {
			throw notFound(namespace, name);
		}
	}

	@Transactional
	FunctionDefinition create(String namespace, CreateFunctionRequest request, byte @Nullable [] uploadedZip) {
		this.namespaces.requireExisting(namespace);
		FunctionSettings settings = settings(request);
		byte[] zip = (uploadedZip != null) ? uploadedZip : decodedZip(request.code());
		CodeArchive archive = CodeArchive.inspect(zip, this.codeLimits);
		archive.requireHandler(settings.runtime(), settings.handler());
		if (this.functions.existsByNamespaceAndName(namespace, request.name())) {
			throw exists(namespace, request.name());
		}
		String sha256 = sha256(zip);
		store(sha256, zip);
		FunctionDefinition function = new FunctionDefinition(namespace, request.name(), settings, sha256, zip.length,
				now());
		try {
			this.functions.saveAndFlush(function);
		}
		catch (DataIntegrityViolationException ex) {
			if (Constraints.violated(ex, "function_definition_name_unique")) {
				throw exists(namespace, request.name());
			}
			throw ex;
		}
		this.configFeed.publish(function.latestConfig());
		return function;
	}

	@Transactional(readOnly = true)
	FunctionDefinition find(String namespace, String name) {
		this.namespaces.requireExisting(namespace);
		return this.functions.findByNamespaceAndName(namespace, name).orElseThrow(() -> notFound(namespace, name));
	}

	@Transactional(readOnly = true)
	CursorPage<FunctionDefinition> list(String namespace, int limit, @Nullable String pageToken) {
		this.namespaces.requireExisting(namespace);
		String after = (pageToken != null) ? PageTokens.decode(pageToken) : "";
		List<FunctionDefinition> page = this.functions.findByNamespaceAndNameGreaterThanOrderByName(namespace, after,
				Limit.of(limit + 1));
		if (page.size() <= limit) {
			return new CursorPage<>(page, null);
		}
		List<FunctionDefinition> items = page.subList(0, limit);
		return new CursorPage<>(items, PageTokens.encode(items.getLast().name()));
	}

	@Transactional
	void delete(String namespace, String name) {
		FunctionDefinition function = find(namespace, name);
		this.functions.delete(function);
		this.configFeed.retract(ResourceKind.FUNCTION_VERSION,
				FunctionVersionConfig.keyOf(namespace, name, FunctionVersionConfig.LATEST));
	}

	@Transactional(readOnly = true)
	CodeArtifact code(String sha256) {
		return this.artifacts.findById(sha256)
			.orElseThrow(
					() -> new PlatformException(ProblemType.CODE_NOT_FOUND, "No code artifact has SHA-256 " + sha256));
	}

	private static FunctionSettings settings(CreateFunctionRequest request) {
		FunctionRuntime runtime = FunctionRuntime.of(request.runtime())
			.orElseThrow(() -> new PlatformException(ProblemType.VALIDATION_FAILED, "Runtime '" + request.runtime()
					+ "' is not supported; use one of " + FunctionRuntime.supportedIds()));
		return new FunctionSettings(runtime, request.handler(),
				Objects.requireNonNullElse(request.memoryMb(), DEFAULT_MEMORY_MB),
				Objects.requireNonNullElse(request.timeoutSeconds(), DEFAULT_TIMEOUT_SECONDS),
				Objects.requireNonNullElse(request.ephemeralStorageMb(), DEFAULT_EPHEMERAL_STORAGE_MB),
				Objects.requireNonNullElse(request.description(), ""),
				EnvironmentVariables.checked(request.environment()));
	}

	private static byte[] decodedZip(CreateFunctionRequest.@Nullable CodeRequest code) {
		String zipFile = (code != null) ? code.zipFile() : null;
		if (zipFile == null || zipFile.isEmpty()) {
			throw new PlatformException(ProblemType.VALIDATION_FAILED,
					"The function needs code: code.zipFile (base64), or a multipart 'code' part");
		}
		try {
			// Strict: whitespace (line breaks from base64 tools) is the only thing
			// tolerated.
			return Base64.getDecoder().decode(WHITESPACE.matcher(zipFile).replaceAll(""));
		}
		catch (IllegalArgumentException ex) {
			throw new PlatformException(ProblemType.INVALID_CODE, "code.zipFile is not valid base64");
		}
	}

	private void store(String sha256, byte[] zip) {
		try {
			this.artifactStore.storeIfAbsent(sha256, zip, now());
		}
		catch (DataIntegrityViolationException ex) {
			// Another request stored the same content at the same moment: it is stored.
		}
	}

	private static String sha256(byte[] content) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform has SHA-256", ex);
		}
	}

	private static PlatformException notFound(String namespace, String name) {
		return new PlatformException(ProblemType.FUNCTION_NOT_FOUND,
				"Function '" + name + "' does not exist in namespace '" + namespace + "'");
	}

	private static PlatformException exists(String namespace, String name) {
		return new PlatformException(ProblemType.FUNCTION_EXISTS,
				"Function '" + name + "' already exists in namespace '" + namespace + "'");
	}

	/**
	 * The current time, at the microsecond precision the database keeps.
	 */
	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

}
