package dev.aloft.controlplane.functionurl;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import dev.aloft.contracts.config.FunctionUrlConfig;
import dev.aloft.contracts.config.FunctionVersionConfig;
import dev.aloft.contracts.config.ResourceKind;
import dev.aloft.controlplane.configfeed.ConfigFeed;
import dev.aloft.controlplane.function.FunctionDeleting;
import dev.aloft.controlplane.function.FunctionLookup;
import dev.aloft.controlplane.system.Constraints;
import dev.aloft.controlplane.system.Preconditions;
import dev.aloft.controlplane.system.ProblemType;
import dev.aloft.problems.PlatformException;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.context.event.EventListener;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates, reads, replaces and deletes function URLs, and publishes them on the feed for
 * the gateway in the same transaction. A function has at most one URL per qualifier:
 * {@code $LATEST} (no qualifier) or an alias, never a version number, as in Lambda.
 * <p>
 * The API of the feature, for the {@code /v1} API and the Lambda-compatible one alike.
 * Every method throws {@link PlatformException} problems: {@code NAMESPACE_NOT_FOUND},
 * {@code FUNCTION_NOT_FOUND} (404), {@code VALIDATION_FAILED} (400, also for a version
 * number as the qualifier) and the others named on each method.
 */
@Service
public class FunctionUrlService {

	private static final Pattern ALIAS = Pattern.compile("(?!^[0-9]+$)[a-zA-Z0-9_-]{1,128}");

	private final FunctionUrlRepository urls;

	private final FunctionLookup functions;

	private final ConfigFeed configFeed;

	private final FunctionUrlProperties properties;

	private final Clock clock = Clock.systemUTC();

	FunctionUrlService(FunctionUrlRepository urls, FunctionLookup functions, ConfigFeed configFeed,
			FunctionUrlProperties properties) {
		this.urls = urls;
		this.functions = functions;
		this.configFeed = configFeed;
		this.properties = properties;
	}

	/**
	 * Gives a function (or one of its aliases) a URL, with a new random URL id.
	 * @param namespace the namespace
	 * @param function the function
	 * @param qualifier an alias, or null (or {@code $LATEST}) for {@code $LATEST}
	 * @param request the settings
	 * @return the URL
	 * @throws PlatformException {@code ALIAS_NOT_FOUND} (404) when the function has no
	 * such alias; {@code FUNCTION_URL_EXISTS} (409) when it already has a URL
	 */
	@Transactional
	public FunctionUrlResponse create(String namespace, String function, @Nullable String qualifier,
			FunctionUrlRequest request) {
		String checked = qualifier(qualifier);
		UUID functionId = this.functions.requireId(namespace, function);
		if (!checked.equals(FunctionVersionConfig.LATEST) && !this.functions.aliasExists(functionId, checked)) {
			throw new PlatformException(ProblemType.ALIAS_NOT_FOUND,
					"Function " + function + " has no alias " + checked);
		}
		if (this.urls.findByFunctionIdAndQualifier(functionId, checked).isPresent()) {
			throw exists(namespace, function, checked);
		}
		FunctionUrl url = new FunctionUrl(namespace, functionId, function, checked, FunctionUrlSettings.of(request),
				now());
		try {
			this.urls.saveAndFlush(url);
		}
		catch (DataIntegrityViolationException ex) {
			if (Constraints.violated(ex, "function_url_qualifier_unique")) {
				throw exists(namespace, function, checked);
			}
			if (Constraints.violated(ex, "function_url_function_fk")) {
				throw FunctionLookup.functionNotFound(namespace, function);
			}
			throw ex;
		}
		this.configFeed.publish(url.config());
		return FunctionUrlResponse.from(url, this.properties);
	}

	/**
	 * Reads a function URL.
	 * @param namespace the namespace
	 * @param function the function
	 * @param qualifier an alias, or null (or {@code $LATEST}) for {@code $LATEST}
	 * @return the URL
	 * @throws PlatformException {@code FUNCTION_URL_NOT_FOUND} (404)
	 */
	@Transactional(readOnly = true)
	public FunctionUrlResponse get(String namespace, String function, @Nullable String qualifier) {
		return FunctionUrlResponse.from(find(namespace, function, qualifier), this.properties);
	}

	/**
	 * Lists a function's URLs: {@code $LATEST}'s first, then its aliases' by name.
	 * @param namespace the namespace
	 * @param function the function
	 * @return the URLs, possibly none
	 */
	@Transactional(readOnly = true)
	public List<FunctionUrlResponse> list(String namespace, String function) {
		UUID functionId = this.functions.requireId(namespace, function);
		return this.urls.findByFunctionId(functionId)
			.stream()
			.sorted(Comparator.comparing((FunctionUrl url) -> !url.qualifier().equals(FunctionVersionConfig.LATEST))
				.thenComparing(FunctionUrl::qualifier))
			.map((url) -> FunctionUrlResponse.from(url, this.properties))
			.toList();
	}

	/**
	 * Replaces a function URL's settings, if the caller read its current state. The URL
	 * (its id) stays the same.
	 * @param namespace the namespace
	 * @param function the function
	 * @param qualifier an alias, or null (or {@code $LATEST}) for {@code $LATEST}
	 * @param ifMatch the ETag the caller read ({@code "<entityVersion>"}), or {@code *}
	 * to replace whatever is there (what Lambda's {@code UpdateFunctionUrlConfig} does)
	 * @param request the whole new settings
	 * @return the URL
	 * @throws PlatformException {@code FUNCTION_URL_NOT_FOUND} (404),
	 * {@code PRECONDITION_REQUIRED} (428) without {@code ifMatch},
	 * {@code PRECONDITION_FAILED} (412) when it is stale
	 */
	@Transactional
	public FunctionUrlResponse update(String namespace, String function, @Nullable String qualifier,
			@Nullable String ifMatch, FunctionUrlRequest request) {
		FunctionUrl url = find(namespace, function, qualifier);
		Preconditions.requireMatch(ifMatch, url.entityVersion(), "the URL of " + function + ":" + url.qualifier());
		url.replace(FunctionUrlSettings.of(request), now());
		this.urls.saveAndFlush(url);
		this.configFeed.publish(url.config());
		return FunctionUrlResponse.from(url, this.properties);
	}

	/**
	 * Deletes a function URL and retracts it from the feed; the gateway stops serving it.
	 * @param namespace the namespace
	 * @param function the function
	 * @param qualifier an alias, or null (or {@code $LATEST}) for {@code $LATEST}
	 * @throws PlatformException {@code FUNCTION_URL_NOT_FOUND} (404)
	 */
	@Transactional
	public void delete(String namespace, String function, @Nullable String qualifier) {
		FunctionUrl url = find(namespace, function, qualifier);
		this.urls.delete(url);
		this.configFeed.retract(ResourceKind.FUNCTION_URL, url.config().key());
	}

	/**
	 * Deletes a function's URLs and retracts them from the feed. The function feature
	 * calls it when it deletes a function, in the same transaction and before the
	 * function's row goes (the database would remove the rows, but not their feed
	 * entries).
	 * @param deleting the function being deleted
	 */
	@EventListener
	@Transactional
	public void retractForFunction(FunctionDeleting deleting) {
		String namespace = deleting.namespace();
		String functionName = deleting.functionName();
		for (FunctionUrl url : this.urls.findByNamespaceAndFunctionName(namespace, functionName)) {
			this.urls.delete(url);
			this.configFeed.retract(ResourceKind.FUNCTION_URL, url.config().key());
		}
	}

	private FunctionUrl find(String namespace, String function, @Nullable String qualifier) {
		String checked = qualifier(qualifier);
		UUID functionId = this.functions.requireId(namespace, function);
		return this.urls.findByFunctionIdAndQualifier(functionId, checked)
			.orElseThrow(() -> new PlatformException(ProblemType.FUNCTION_URL_NOT_FOUND,
					checked.equals(FunctionVersionConfig.LATEST) ? "Function " + function + " has no URL"
							: "Alias " + checked + " of function " + function + " has no URL"));
	}

	/**
	 * A URL's qualifier: {@code $LATEST} when none is given, otherwise an alias name.
	 */
	private static String qualifier(@Nullable String qualifier) {
		if (qualifier == null || qualifier.equals(FunctionVersionConfig.LATEST)) {
			return FunctionVersionConfig.LATEST;
		}
		if (qualifier.matches("[0-9]+")) {
			throw new InvalidFunctionUrlException("/qualifier", "A function URL points at $LATEST or an alias, "
					+ "not a published version: '" + qualifier + "' is a version number");
		}
		if (!ALIAS.matcher(qualifier).matches()) {
			throw new InvalidFunctionUrlException("/qualifier", "qualifier '" + qualifier
					+ "' is not an alias name: 1-128 letters, digits, '-' and '_', not all digits");
		}
		return qualifier;
	}

	private static PlatformException exists(String namespace, String function, String qualifier) {
		return new PlatformException(ProblemType.FUNCTION_URL_EXISTS,
				"Failed to create function url config for " + "[functionArn = "
						+ FunctionUrlConfig.keyOf(namespace, function, qualifier)
						+ "]. Error message:  FunctionUrlConfig exists for this Lambda function");
	}

	/**
	 * The current time, at the microsecond precision the database keeps.
	 */
	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

}
