package dev.aloft.controlplane.eventsource;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import dev.aloft.contracts.config.ResourceKind;
import dev.aloft.controlplane.configfeed.ConfigFeed;
import dev.aloft.controlplane.function.FunctionDeleting;
import dev.aloft.controlplane.function.FunctionLookup;
import dev.aloft.controlplane.namespace.Namespaces;
import dev.aloft.controlplane.system.Constraints;
import dev.aloft.controlplane.system.CursorPage;
import dev.aloft.controlplane.system.Preconditions;
import dev.aloft.controlplane.system.ProblemType;
import dev.aloft.problems.PlatformException;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.context.event.EventListener;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates, reads, replaces and deletes event-source mappings, with Lambda's rules and
 * defaults for each source type (see {@link EventSourceMappingRequest}), and publishes
 * them on the feed for the event router in the same transaction.
 * <p>
 * The API of the feature, for the {@code /v1} API and the Lambda-compatible one alike.
 * Every method throws {@link PlatformException} problems: {@code NAMESPACE_NOT_FOUND},
 * {@code EVENT_SOURCE_MAPPING_NOT_FOUND} (404), {@code VALIDATION_FAILED} (400) and the
 * others named on each method.
 */
@Service
public class EventSourceMappingService {

	private final EventSourceMappingRepository mappings;

	private final FunctionTargets targets;

	private final Namespaces namespaces;

	private final ConfigFeed configFeed;

	private final Clock clock = Clock.systemUTC();

	EventSourceMappingService(EventSourceMappingRepository mappings, FunctionTargets targets, Namespaces namespaces,
			ConfigFeed configFeed) {
		this.mappings = mappings;
		this.targets = targets;
		this.namespaces = namespaces;
		this.configFeed = configFeed;
	}

	/**
	 * Creates a mapping; the router starts polling its source once it is on the feed
	 * (when enabled).
	 * @param namespace the namespace
	 * @param request the mapping
	 * @return the mapping, with its new UUID and every default filled in
	 * @throws PlatformException {@code FUNCTION_NOT_FOUND} (404) when the function does
	 * not exist; {@code EVENT_SOURCE_MAPPING_EXISTS} (409) when the function already has
	 * a mapping of this source
	 */
	@Transactional
	public EventSourceMappingResponse create(String namespace, EventSourceMappingRequest request) {
		this.namespaces.requireExisting(namespace);
		EventSourceMappingSettings settings = EventSourceMappingSettings.of(request);
		FunctionTarget target = this.targets.require(namespace, request.function(), request.qualifier());
		requireNoOtherMapping(target, settings.source(), null);
		EventSourceMapping mapping = new EventSourceMapping(namespace, target, settings, now());
		save(mapping, target, settings.source());
		this.configFeed.publish(mapping.config());
		return EventSourceMappingResponse.from(mapping);
	}

	/**
	 * Reads a mapping.
	 * @param namespace the namespace
	 * @param id the mapping's UUID
	 * @return the mapping
	 */
	@Transactional(readOnly = true)
	public EventSourceMappingResponse get(String namespace, UUID id) {
		return EventSourceMappingResponse.from(find(namespace, id));
	}

	/**
	 * Lists a namespace's mappings in creation order, a page at a time.
	 * @param namespace the namespace
	 * @param function only this function's mappings, or null for all
	 * @param eventSourceArn only mappings of this SQS queue, or null for all
	 * @param limit the most mappings on the page
	 * @param pageToken where to go on, from the previous page; null for the first page
	 * @return the page, with the token of the next one unless it is the last
	 */
	@Transactional(readOnly = true)
	public CursorPage<EventSourceMappingResponse> list(String namespace, @Nullable String function,
			@Nullable String eventSourceArn, int limit, @Nullable String pageToken) {
		this.namespaces.requireExisting(namespace);
		PageCursor after = PageCursor.decode(pageToken);
		List<EventSourceMapping> rows = this.mappings.page(namespace, function, eventSourceArn, after.createdAt(),
				after.id(), Limit.of(limit + 1));
		return PageCursor.page(rows, limit, EventSourceMappingResponse::from,
				(mapping) -> new PageCursor(mapping.createdAt(), mapping.id()));
	}

	/**
	 * Replaces a mapping's target and settings, if the caller read its current state. Its
	 * source cannot change.
	 * @param namespace the namespace
	 * @param id the mapping's UUID
	 * @param ifMatch the ETag the caller read ({@code "<entityVersion>"}), or {@code *}
	 * to replace whatever is there (what Lambda's {@code UpdateEventSourceMapping} does)
	 * @param request the whole new mapping
	 * @return the mapping
	 * @throws PlatformException {@code PRECONDITION_REQUIRED} (428) without
	 * {@code ifMatch}, {@code PRECONDITION_FAILED} (412) when it is stale,
	 * {@code FUNCTION_NOT_FOUND}, {@code EVENT_SOURCE_MAPPING_EXISTS} as on creation
	 */
	@Transactional
	public EventSourceMappingResponse update(String namespace, UUID id, @Nullable String ifMatch,
			EventSourceMappingRequest request) {
		EventSourceMapping mapping = find(namespace, id);
		Preconditions.requireMatch(ifMatch, mapping.entityVersion(), "event-source mapping " + id);
		EventSourceMappingSettings settings = EventSourceMappingSettings.of(request);
		String changed = mapping.source().changedField(settings.source());
		if (changed != null) {
			throw new InvalidTriggerException(changed,
					"The source of a mapping cannot change: create a new mapping and delete this one");
		}
		FunctionTarget target = this.targets.require(namespace, request.function(), request.qualifier());
		requireNoOtherMapping(target, settings.source(), mapping.id());
		mapping.replace(target, settings, now());
		save(mapping, target, settings.source());
		this.configFeed.publish(mapping.config());
		return EventSourceMappingResponse.from(mapping);
	}

	/**
	 * Deletes a mapping and retracts it from the feed; the router stops polling.
	 * @param namespace the namespace
	 * @param id the mapping's UUID
	 * @return the mapping as it was (Lambda answers a deletion with it)
	 */
	@Transactional
	public EventSourceMappingResponse delete(String namespace, UUID id) {
		EventSourceMapping mapping = find(namespace, id);
		this.mappings.delete(mapping);
		this.configFeed.retract(ResourceKind.EVENT_SOURCE_MAPPING, mapping.id().toString());
		return EventSourceMappingResponse.from(mapping);
	}

	/**
	 * Deletes a function's mappings and retracts them from the feed. The function feature
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
		for (EventSourceMapping mapping : this.mappings.findByNamespaceAndFunctionName(namespace, functionName)) {
			this.mappings.delete(mapping);
			this.configFeed.retract(ResourceKind.EVENT_SOURCE_MAPPING, mapping.id().toString());
		}
	}

	private EventSourceMapping find(String namespace, UUID id) {
		this.namespaces.requireExisting(namespace);
		return this.mappings.findByIdAndNamespace(id, namespace)
			.orElseThrow(() -> new PlatformException(ProblemType.EVENT_SOURCE_MAPPING_NOT_FOUND,
					"Event source mapping " + id + " does not exist in namespace '" + namespace + "'"));
	}

	private void requireNoOtherMapping(FunctionTarget target, EventSource source, @Nullable UUID self) {
		this.mappings.findByFunctionIdAndSourceKey(target.functionId(), source.key())
			.filter((existing) -> !existing.id().equals(self))
			.ifPresent((existing) -> {
				throw new PlatformException(ProblemType.EVENT_SOURCE_MAPPING_EXISTS,
						source.conflictMessage(target.functionName(), existing.id()));
			});
	}

	private void save(EventSourceMapping mapping, FunctionTarget target, EventSource source) {
		try {
			this.mappings.saveAndFlush(mapping);
		}
		catch (DataIntegrityViolationException ex) {
			if (Constraints.violated(ex, "event_source_mapping_source_unique")) {
				throw new PlatformException(ProblemType.EVENT_SOURCE_MAPPING_EXISTS,
						source.conflictMessage(target.functionName(), null));
			}
			if (Constraints.violated(ex, "event_source_mapping_function_fk")) {
				throw FunctionLookup.functionNotFound(mapping.namespace(), target.functionName());
			}
			throw ex;
		}
	}

	/**
	 * The current time, at the microsecond precision the database keeps.
	 */
	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

}
