package dev.aloft.controlplane.function;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import dev.aloft.contracts.config.AliasConfig;
import dev.aloft.contracts.config.EventInvokeConfig;
import dev.aloft.contracts.config.FunctionConcurrencyConfig;
import dev.aloft.contracts.config.FunctionVersionConfig;
import dev.aloft.contracts.config.ResourceKind;
import dev.aloft.controlplane.configfeed.ConfigFeed;
import dev.aloft.controlplane.namespace.Namespaces;
import dev.aloft.controlplane.system.Constraints;
import dev.aloft.controlplane.system.CursorPage;
import dev.aloft.controlplane.system.Preconditions;
import dev.aloft.controlplane.system.ProblemType;
import dev.aloft.problems.PlatformException;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates, reads, changes and deletes functions, and publishes what followers need to run
 * their {@code $LATEST} on the feed.
 */
@Service
public class FunctionService {

	private static final int DEFAULT_MEMORY_MB = 128;

	private static final int DEFAULT_TIMEOUT_SECONDS = 3;

	private static final int DEFAULT_EPHEMERAL_STORAGE_MB = 512;

	private final FunctionDefinitionRepository functions;

	private final FunctionVersionRepository versions;

	private final AliasRepository aliases;

	private final EventInvokeSettingsRepository eventInvokeSettings;

	private final CodeArtifactStore artifacts;

	private final CodeIntake codeIntake;

	private final Namespaces namespaces;

	private final ConfigFeed configFeed;

	private final ApplicationEventPublisher events;

	private final SecretEnvironment secretEnvironment;

	private final Clock clock = Clock.systemUTC();

	FunctionService(FunctionDefinitionRepository functions, FunctionVersionRepository versions, AliasRepository aliases,
			EventInvokeSettingsRepository eventInvokeSettings, CodeArtifactStore artifacts, CodeIntake codeIntake,
			Namespaces namespaces, ConfigFeed configFeed, ApplicationEventPublisher events,
			SecretEnvironment secretEnvironment) {
		this.functions = functions;
		this.versions = versions;
		this.aliases = aliases;
		this.eventInvokeSettings = eventInvokeSettings;
		this.artifacts = artifacts;
		this.codeIntake = codeIntake;
		this.namespaces = namespaces;
		this.configFeed = configFeed;
		this.events = events;
		this.secretEnvironment = secretEnvironment;
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

	/**
	 * Creates a function (the Lambda API's {@code CreateFunction}).
	 * @param namespace the namespace
	 * @param request the configuration; for a zip, its {@code code} is not used
	 * @param zip the code of a zip function; null for an image (which
	 * {@code code.imageUri} names)
	 * @return the function
	 */
	@Transactional
	public FunctionResponse createFunction(String namespace, CreateFunctionRequest request, byte @Nullable [] zip) {
		return FunctionResponse.from(create(namespace, request, zip));
	}

	/**
	 * Reads a function's {@code $LATEST}.
	 * @param namespace the namespace
	 * @param name the function
	 * @return the function
	 */
	@Transactional(readOnly = true)
	public FunctionResponse describe(String namespace, String name) {
		return FunctionResponse.from(find(namespace, name));
	}

	/**
	 * Lists a namespace's functions by name, a page at a time.
	 * @param namespace the namespace
	 * @param limit the most functions on the page
	 * @param pageToken the previous page's token, or null for the first page
	 * @return the page
	 */
	@Transactional(readOnly = true)
	public CursorPage<FunctionResponse> listFunctions(String namespace, int limit, @Nullable String pageToken) {
		CursorPage<FunctionDefinition> page = list(namespace, limit, pageToken);
		return new CursorPage<>(page.items().stream().map(FunctionResponse::from).toList(), page.nextPageToken());
	}

	/**
	 * Replaces the configuration of {@code $LATEST} if it still has the revision id the
	 * caller read (Lambda's optimistic concurrency, where {@link #configure} uses ETags).
	 * @param namespace the namespace
	 * @param name the function
	 * @param revisionId the revision id the caller read
	 * @param request the whole new configuration
	 * @return the function
	 */
	@Transactional
	public FunctionResponse configureAtRevision(String namespace, String name, UUID revisionId,
			UpdateFunctionRequest request) {
		FunctionDefinition function = find(namespace, name);
		requireRevision(function, revisionId);
		return FunctionResponse.from(configure(namespace, name, Preconditions.eTag(function.entityVersion()), request));
	}

	/**
	 * Replaces the code of {@code $LATEST} if it still has the revision id the caller
	 * read.
	 * @param namespace the namespace
	 * @param name the function
	 * @param revisionId the revision id the caller read
	 * @param zip the new code
	 * @return the function
	 */
	@Transactional
	public FunctionResponse replaceCodeAtRevision(String namespace, String name, UUID revisionId, byte[] zip) {
		FunctionDefinition function = find(namespace, name);
		requireRevision(function, revisionId);
		return FunctionResponse.from(replaceCode(namespace, name, Preconditions.eTag(function.entityVersion()), zip));
	}

	/**
	 * Replaces the image of an Image function's {@code $LATEST} if it still has the
	 * revision id the caller read.
	 * @param namespace the namespace
	 * @param name the function
	 * @param revisionId the revision id the caller read
	 * @param imageUri the new image reference
	 * @return the function
	 */
	@Transactional
	public FunctionResponse replaceImageAtRevision(String namespace, String name, UUID revisionId,
			@Nullable String imageUri) {
		FunctionDefinition function = find(namespace, name);
		requireRevision(function, revisionId);
		return FunctionResponse
			.from(replaceImage(namespace, name, Preconditions.eTag(function.entityVersion()), imageUri));
	}

	private static void requireRevision(FunctionDefinition function, UUID revisionId) {
		if (!function.revisionId().equals(revisionId)) {
			throw new PlatformException(ProblemType.PRECONDITION_FAILED,
					"The Revision Id provided does not match the latest Revision Id. "
							+ "Call the GetFunction/GetAlias API to retrieve the latest Revision Id");
		}
	}

	@Transactional
	FunctionDefinition create(String namespace, CreateFunctionRequest request, byte @Nullable [] uploadedZip) {
		this.namespaces.requireExisting(namespace);
		String packageType = request.packageTypeOrDefault();
		FunctionSettings settings = settings(request, packageType);
		Map<String, String> secrets = this.secretEnvironment.seal(namespace, request.name(),
				request.secretEnvironment(), Map.of(), settings.environment());
		CreateFunctionRequest.CodeRequest requestCode = request.code();
		CodePackage code;
		if (FunctionVersionConfig.IMAGE.equals(packageType)) {
			if (uploadedZip != null || (requestCode != null && requestCode.zipFile() != null)) {
				throw new PlatformException(ProblemType.VALIDATION_FAILED,
						"An Image function runs the image code.imageUri names; send no zip");
			}
			ImageReference image = ImageReference.parse((requestCode != null) ? requestCode.imageUri() : null);
			requireAbsent(namespace, request.name());
			code = CodePackage.image(image);
		}
		else {
			if (requestCode != null && requestCode.imageUri() != null) {
				throw new PlatformException(ProblemType.VALIDATION_FAILED,
						"code.imageUri needs packageType Image; a Zip function takes code.zipFile");
			}
			byte[] zip = (uploadedZip != null) ? uploadedZip
					: CodeIntake.decodeBase64((requestCode != null) ? requestCode.zipFile() : null);
			requireAbsent(namespace, request.name());
			code = CodePackage
				.zip(this.codeIntake.accept(zip, Objects.requireNonNull(settings.runtime()), settings.handler()));
		}
		FunctionDefinition function = new FunctionDefinition(namespace, request.name(), settings, code, now());
		function.useSecretEnvironment(secrets, function.createdAt());
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

	private void requireAbsent(String namespace, String name) {
		if (this.functions.existsByNamespaceAndName(namespace, name)) {
			throw exists(namespace, name);
		}
	}

	/**
	 * Replaces the configuration of {@code $LATEST}, if the caller read its current
	 * state.
	 */
	@Transactional
	FunctionDefinition configure(String namespace, String name, @Nullable String ifMatch,
			UpdateFunctionRequest request) {
		FunctionDefinition function = find(namespace, name);
		Preconditions.requireMatch(ifMatch, function.entityVersion(), "function " + name);
		FunctionSettings settings = settings(request, function.packageType());
		Map<String, String> secrets = this.secretEnvironment.seal(namespace, name, request.secretEnvironment(),
				function.secretEnvironment(), settings.environment());
		String zipSha256 = function.zipSha256();
		if (zipSha256 != null && settings.runtime() != null && (!settings.runtime().id().equals(function.runtime())
				|| !settings.handler().equals(function.handler()))) {
			// The code must still hold the handler the new configuration names.
			CodeArchive.inspect(code(zipSha256), this.codeIntake.limits())
				.requireHandler(settings.runtime(), settings.handler());
		}
		function.configure(settings, now());
		function.useSecretEnvironment(secrets, function.updatedAt());
		this.functions.saveAndFlush(function);
		this.configFeed.publish(function.latestConfig());
		return function;
	}

	/**
	 * Replaces the zip of {@code $LATEST}, if the caller read its current state.
	 */
	@Transactional
	FunctionDefinition replaceCode(String namespace, String name, @Nullable String ifMatch, byte[] zip) {
		FunctionDefinition function = find(namespace, name);
		Preconditions.requireMatch(ifMatch, function.entityVersion(), "function " + name);
		if (FunctionVersionConfig.IMAGE.equals(function.packageType())) {
			throw new PlatformException(ProblemType.VALIDATION_FAILED, "Function '" + name
					+ "' runs a container image: replace its code with {\"imageUri\": \"...\"}, not a zip");
		}
		FunctionRuntime runtime = FunctionRuntime.of(function.runtime())
			.orElseThrow(() -> new IllegalStateException("Stored runtime " + function.runtime() + " is unknown"));
		function.replaceCode(CodePackage.zip(this.codeIntake.accept(zip, runtime, function.handler())), now());
		this.functions.saveAndFlush(function);
		this.configFeed.publish(function.latestConfig());
		return function;
	}

	/**
	 * Replaces the image of an Image function's {@code $LATEST}, if the caller read its
	 * current state.
	 */
	@Transactional
	FunctionDefinition replaceImage(String namespace, String name, @Nullable String ifMatch,
			@Nullable String imageUri) {
		FunctionDefinition function = find(namespace, name);
		Preconditions.requireMatch(ifMatch, function.entityVersion(), "function " + name);
		if (!FunctionVersionConfig.IMAGE.equals(function.packageType())) {
			throw new PlatformException(ProblemType.VALIDATION_FAILED, "Function '" + name
					+ "' runs a zip on a managed runtime: replace its code with a zip, not an image");
		}
		function.replaceCode(CodePackage.image(ImageReference.parse(imageUri)), now());
		this.functions.saveAndFlush(function);
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

	/**
	 * Deletes a function with its versions, aliases and settings, and retracts all of
	 * them from the feed; {@link FunctionDeleting} lets triggers and URLs do the same.
	 */
	@Transactional
	public void delete(String namespace, String name) {
		FunctionDefinition function = find(namespace, name);
		this.configFeed.retract(ResourceKind.FUNCTION_VERSION,
				FunctionVersionConfig.keyOf(namespace, name, FunctionVersionConfig.LATEST));
		for (FunctionVersion version : this.versions.findByFunctionId(function.id())) {
			this.configFeed.retract(ResourceKind.FUNCTION_VERSION,
					FunctionVersionConfig.keyOf(namespace, name, Integer.toString(version.version())));
		}
		for (Alias alias : this.aliases.findByFunctionIdOrderByName(function.id())) {
			this.configFeed.retract(ResourceKind.ALIAS, AliasConfig.keyOf(namespace, name, alias.name()));
		}
		for (EventInvokeSettings settings : this.eventInvokeSettings.findByFunctionId(function.id())) {
			this.configFeed.retract(ResourceKind.EVENT_INVOKE_CONFIG,
					EventInvokeConfig.keyOf(namespace, name, settings.qualifier()));
		}
		if (function.reservedConcurrency() != null) {
			this.configFeed.retract(ResourceKind.FUNCTION_CONCURRENCY,
					FunctionConcurrencyConfig.keyOf(namespace, name));
		}
		this.events.publishEvent(new FunctionDeleting(namespace, name));
		this.functions.delete(function);
	}

	/**
	 * The bytes of a stored zip. Not in a transaction: they may come from an object
	 * store, and no database connection need wait for that.
	 */
	byte[] code(String sha256) {
		return this.artifacts.content(sha256);
	}

	static FunctionSettings settings(FunctionSettingsRequest request, String packageType) {
		FunctionRuntime runtime = null;
		String handler = "";
		ImageConfig imageConfig = request.imageConfig();
		if (FunctionVersionConfig.IMAGE.equals(packageType)) {
			if (request.runtime() != null || request.handler() != null) {
				throw new PlatformException(ProblemType.VALIDATION_FAILED, "An Image function takes no runtime or "
						+ "handler: its image's entry point runs (imageConfig can replace it)");
			}
			if (imageConfig != null && empty(imageConfig)) {
				// An empty configuration leaves the image's own, as none does.
				imageConfig = null;
			}
		}
		else {
			String runtimeId = request.runtime();
			if (runtimeId == null || runtimeId.isBlank() || request.handler() == null || request.handler().isBlank()) {
				throw new PlatformException(ProblemType.VALIDATION_FAILED,
						"A Zip function needs a runtime and a handler");
			}
			if (imageConfig != null) {
				throw new PlatformException(ProblemType.VALIDATION_FAILED,
						"imageConfig applies only to functions of packageType Image");
			}
			runtime = FunctionRuntime.of(runtimeId)
				.orElseThrow(() -> new PlatformException(ProblemType.VALIDATION_FAILED,
						"Runtime '" + runtimeId + "' is not supported; use one of " + FunctionRuntime.supportedIds()));
			handler = request.handler();
		}
		return new FunctionSettings(runtime, handler, Objects.requireNonNullElse(request.memoryMb(), DEFAULT_MEMORY_MB),
				Objects.requireNonNullElse(request.timeoutSeconds(), DEFAULT_TIMEOUT_SECONDS),
				Objects.requireNonNullElse(request.ephemeralStorageMb(), DEFAULT_EPHEMERAL_STORAGE_MB),
				Objects.requireNonNullElse(request.description(), ""),
				EnvironmentVariables.checked(request.environment()), imageConfig);
	}

	private static boolean empty(ImageConfig config) {
		return (config.entryPoint() == null || config.entryPoint().isEmpty())
				&& (config.command() == null || config.command().isEmpty()) && config.workingDirectory() == null;
	}

	static PlatformException notFound(String namespace, String name) {
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
