package dev.aloft.controlplane.function;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.aloft.contracts.config.FunctionVersionConfig;
import dev.aloft.contracts.config.ResourceKind;
import dev.aloft.controlplane.configfeed.ConfigFeed;
import dev.aloft.controlplane.system.CursorPage;
import dev.aloft.controlplane.system.ProblemType;
import dev.aloft.problems.PlatformException;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Publishes, reads and deletes versions: immutable snapshots of a function's code and
 * configuration, numbered from 1 and never renumbered.
 */
@Service
public class VersionService {

	private final FunctionService functions;

	private final FunctionDefinitionRepository definitions;

	private final FunctionVersionRepository versions;

	private final AliasRepository aliases;

	private final ConfigFeed configFeed;

	private final ProvisionedConcurrencyTracking provisioned;

	private final Clock clock = Clock.systemUTC();

	VersionService(FunctionService functions, FunctionDefinitionRepository definitions,
			FunctionVersionRepository versions, AliasRepository aliases, ConfigFeed configFeed,
			ProvisionedConcurrencyTracking provisioned) {
		this.functions = functions;
		this.definitions = definitions;
		this.versions = versions;
		this.aliases = aliases;
		this.configFeed = configFeed;
		this.provisioned = provisioned;
	}

	/**
	 * Publishes {@code $LATEST}. When nothing changed since the newest version, that
	 * version is the answer, as in Lambda.
	 */
	@Transactional
	FunctionVersion publish(String namespace, String name, PublishVersionRequest request) {
		this.functions.find(namespace, name);
		FunctionDefinition function = this.definitions.lockByNamespaceAndName(namespace, name)
			.orElseThrow(() -> FunctionService.notFound(namespace, name));
		if (request.revisionId() != null && !request.revisionId().equals(function.revisionId().toString())) {
			throw new PlatformException(ProblemType.PRECONDITION_FAILED, "The revision id " + request.revisionId()
					+ " does not match $LATEST's, " + function.revisionId() + ": read the function again");
		}
		if (request.codeSha256() != null && !request.codeSha256().equals(function.codeSha256())) {
			throw new PlatformException(ProblemType.VALIDATION_FAILED,
					"codeSha256 " + request.codeSha256() + " is different from $LATEST's, " + function.codeSha256());
		}
		Optional<FunctionVersion> newest = this.versions.findFirstByFunctionIdOrderByVersionDesc(function.id());
		if (newest.isPresent() && function.sameContentAs(newest.get())) {
			return newest.get();
		}
		FunctionVersion version = new FunctionVersion(function, function.nextVersionNumber(),
				Objects.requireNonNullElse(request.description(), function.description()), now());
		this.definitions.save(function);
		this.versions.save(version);
		this.configFeed.publish(version.config(namespace, name));
		return version;
	}

	/**
	 * Publishes {@code $LATEST}, or answers the newest version when nothing changed.
	 * @param namespace the namespace
	 * @param name the function
	 * @param request the description and the optional preconditions
	 * @return the version
	 */
	@Transactional
	public VersionResponse publishVersion(String namespace, String name, PublishVersionRequest request) {
		return VersionResponse.from(namespace, name, publish(namespace, name, request));
	}

	/**
	 * Reads a published version.
	 * @param namespace the namespace
	 * @param name the function
	 * @param version the version number
	 * @return the version
	 */
	@Transactional(readOnly = true)
	public VersionResponse describe(String namespace, String name, String version) {
		return VersionResponse.from(namespace, name, find(namespace, name, version));
	}

	/**
	 * Lists a function's published versions in order, a page at a time.
	 * @param namespace the namespace
	 * @param name the function
	 * @param limit the most versions on the page
	 * @param pageToken the previous page's token, or null for the first page
	 * @return the page
	 */
	@Transactional(readOnly = true)
	public CursorPage<VersionResponse> listVersions(String namespace, String name, int limit,
			@Nullable String pageToken) {
		CursorPage<FunctionVersion> page = list(namespace, name, limit, pageToken);
		return new CursorPage<>(
				page.items().stream().map((item) -> VersionResponse.from(namespace, name, item)).toList(),
				page.nextPageToken());
	}

	/**
	 * Lists a namespace's functions with every version, as Lambda's {@code ListFunctions}
	 * with {@code FunctionVersion=ALL}: functions by name, each with its {@code $LATEST}
	 * first and then its published versions in order, a page at a time.
	 * @param namespace the namespace
	 * @param limit the most entries on the page
	 * @param pageToken the previous page's token, or null for the first page
	 * @return the page
	 */
	@Transactional(readOnly = true)
	public CursorPage<ListedVersion> listAllVersions(String namespace, int limit, @Nullable String pageToken) {
		List<ListedVersion> items = new ArrayList<>();
		String afterFunction = null;
		if (pageToken != null) {
			// The token names the last entry given: <function>/<version>, 0 for $LATEST.
			String position = PageTokens.decode(pageToken);
			int slash = position.lastIndexOf('/');
			if (slash <= 0 || !position.substring(slash + 1).matches("[0-9]{1,9}")) {
				throw new PlatformException(ProblemType.VALIDATION_FAILED, "pageToken is not a token this API issued");
			}
			afterFunction = position.substring(0, slash);
			int afterVersion = Integer.parseInt(position.substring(slash + 1));
			Optional<FunctionDefinition> current = this.definitions.findByNamespaceAndName(namespace, afterFunction);
			if (current.isPresent()) {
				addVersions(items, namespace, current.get(), afterVersion, limit + 1);
			}
		}
		String after = afterFunction;
		while (items.size() <= limit) {
			CursorPage<FunctionDefinition> functions = this.functions.list(namespace, limit + 1,
					(after != null) ? PageTokens.encode(after) : null);
			for (FunctionDefinition function : functions.items()) {
				items.add(new ListedVersion(FunctionResponse.from(function), null));
				addVersions(items, namespace, function, 0, limit + 1);
				if (items.size() > limit) {
					break;
				}
			}
			if (functions.nextPageToken() == null || functions.items().isEmpty()) {
				break;
			}
			after = functions.items().getLast().name();
		}
		if (items.size() <= limit) {
			return new CursorPage<>(items, null);
		}
		List<ListedVersion> page = items.subList(0, limit);
		ListedVersion last = page.getLast();
		String version = (last.version() != null) ? last.version().version() : "0";
		return new CursorPage<>(List.copyOf(page), PageTokens.encode(last.function().name() + "/" + version));
	}

	private void addVersions(List<ListedVersion> items, String namespace, FunctionDefinition function, int after,
			int upTo) {
		FunctionResponse latest = FunctionResponse.from(function);
		for (FunctionVersion version : this.versions.findByFunctionIdAndVersionGreaterThanOrderByVersion(function.id(),
				after, Limit.of(Math.max(1, upTo - items.size())))) {
			items.add(new ListedVersion(latest, VersionResponse.from(namespace, function.name(), version)));
		}
	}

	/**
	 * An entry of {@link #listAllVersions}: a function's {@code $LATEST}, or one of its
	 * published versions.
	 *
	 * @param function the function
	 * @param version the published version, or null for {@code $LATEST}
	 */
	public record ListedVersion(FunctionResponse function, @Nullable VersionResponse version) {
	}

	@Transactional(readOnly = true)
	FunctionVersion find(String namespace, String name, String version) {
		FunctionDefinition function = this.functions.find(namespace, name);
		return this.versions.findByFunctionIdAndVersion(function.id(), number(version))
			.orElseThrow(() -> notFound(name, version));
	}

	@Transactional(readOnly = true)
	CursorPage<FunctionVersion> list(String namespace, String name, int limit, @Nullable String pageToken) {
		FunctionDefinition function = this.functions.find(namespace, name);
		int after = (pageToken != null) ? number(PageTokens.decode(pageToken)) : 0;
		List<FunctionVersion> page = this.versions.findByFunctionIdAndVersionGreaterThanOrderByVersion(function.id(),
				after, Limit.of(limit + 1));
		if (page.size() <= limit) {
			return new CursorPage<>(page, null);
		}
		List<FunctionVersion> items = page.subList(0, limit);
		return new CursorPage<>(items, PageTokens.encode(Integer.toString(items.getLast().version())));
	}

	/**
	 * Deletes a version no alias points at.
	 */
	@Transactional
	public void delete(String namespace, String name, String version) {
		FunctionDefinition function = this.functions.find(namespace, name);
		FunctionVersion found = this.versions.findByFunctionIdAndVersion(function.id(), number(version))
			.orElseThrow(() -> notFound(name, version));
		for (Alias alias : this.aliases.findByFunctionIdOrderByName(function.id())) {
			if (alias.pointsAt(version)) {
				throw new PlatformException(ProblemType.VERSION_IN_USE, "Version " + version + " of " + name
						+ " cannot be deleted: alias " + alias.name() + " points at it");
			}
		}
		this.provisioned.qualifierDeleting(namespace, function, version);
		this.versions.delete(found);
		this.configFeed.retract(ResourceKind.FUNCTION_VERSION, FunctionVersionConfig.keyOf(namespace, name, version));
	}

	/**
	 * Whether a function has a published version with this number.
	 */
	boolean exists(FunctionDefinition function, String version) {
		return version.matches("[1-9][0-9]{0,8}")
				&& this.versions.findByFunctionIdAndVersion(function.id(), Integer.parseInt(version)).isPresent();
	}

	private static int number(String version) {
		if (!version.matches("[1-9][0-9]{0,8}")) {
			throw new PlatformException(ProblemType.VERSION_NOT_FOUND,
					"'" + version + "' is not a version number ($LATEST is not a published version)");
		}
		return Integer.parseInt(version);
	}

	private static PlatformException notFound(String name, String version) {
		return new PlatformException(ProblemType.VERSION_NOT_FOUND, "Function " + name + " has no version " + version);
	}

	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

}
