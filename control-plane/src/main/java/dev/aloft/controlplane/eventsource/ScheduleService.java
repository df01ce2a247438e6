package dev.aloft.controlplane.eventsource;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
 * Creates, reads, replaces and deletes schedules, and publishes them on the feed for the
 * event router in the same transaction.
 * <p>
 * Every method throws {@link PlatformException} problems: {@code NAMESPACE_NOT_FOUND},
 * {@code SCHEDULE_NOT_FOUND} (404), {@code VALIDATION_FAILED} (400, with the expression
 * parser's message for a bad expression) and the others named on each method.
 */
@Service
public class ScheduleService {

	private final ScheduleRepository schedules;

	private final FunctionTargets targets;

	private final Namespaces namespaces;

	private final ConfigFeed configFeed;

	private final Clock clock = Clock.systemUTC();

	ScheduleService(ScheduleRepository schedules, FunctionTargets targets, Namespaces namespaces,
			ConfigFeed configFeed) {
		this.schedules = schedules;
		this.targets = targets;
		this.namespaces = namespaces;
		this.configFeed = configFeed;
	}

	/**
	 * Creates a schedule.
	 * @param namespace the namespace
	 * @param request the schedule
	 * @return the schedule, with its new identifier
	 * @throws PlatformException {@code FUNCTION_NOT_FOUND} (404); {@code SCHEDULE_EXISTS}
	 * (409) when the namespace has a schedule of that name
	 */
	@Transactional
	public ScheduleResponse create(String namespace, ScheduleRequest request) {
		this.namespaces.requireExisting(namespace);
		ScheduleSettings settings = ScheduleSettings.of(request);
		FunctionTarget target = this.targets.require(namespace, request.function(), request.qualifier());
		requireNameFree(namespace, request.name(), null);
		Schedule schedule = new Schedule(namespace, request.name(), target, settings, now());
		save(schedule, target);
		this.configFeed.publish(schedule.config());
		return ScheduleResponse.from(schedule);
	}

	/**
	 * Reads a schedule.
	 * @param namespace the namespace
	 * @param id the schedule's identifier
	 * @return the schedule
	 */
	@Transactional(readOnly = true)
	public ScheduleResponse get(String namespace, UUID id) {
		return ScheduleResponse.from(find(namespace, id));
	}

	/**
	 * Lists a namespace's schedules in creation order, a page at a time.
	 * @param namespace the namespace
	 * @param limit the most schedules on the page
	 * @param pageToken where to go on, from the previous page; null for the first page
	 * @return the page, with the token of the next one unless it is the last
	 */
	@Transactional(readOnly = true)
	public CursorPage<ScheduleResponse> list(String namespace, int limit, @Nullable String pageToken) {
		this.namespaces.requireExisting(namespace);
		PageCursor after = PageCursor.decode(pageToken);
		return PageCursor.page(this.schedules.page(namespace, after.createdAt(), after.id(), Limit.of(limit + 1)),
				limit, ScheduleResponse::from, (schedule) -> new PageCursor(schedule.createdAt(), schedule.id()));
	}

	/**
	 * Replaces a schedule (its name too), if the caller read its current state. A
	 * {@code rate} schedule keeps ticking from its creation time.
	 * @param namespace the namespace
	 * @param id the schedule's identifier
	 * @param ifMatch the ETag the caller read, or {@code *} to replace whatever is there
	 * @param request the whole new schedule
	 * @return the schedule
	 * @throws PlatformException {@code PRECONDITION_REQUIRED} (428),
	 * {@code PRECONDITION_FAILED} (412), {@code FUNCTION_NOT_FOUND},
	 * {@code SCHEDULE_EXISTS} as on creation
	 */
	@Transactional
	public ScheduleResponse update(String namespace, UUID id, @Nullable String ifMatch, ScheduleRequest request) {
		Schedule schedule = find(namespace, id);
		Preconditions.requireMatch(ifMatch, schedule.entityVersion(), "schedule " + schedule.name());
		ScheduleSettings settings = ScheduleSettings.of(request);
		FunctionTarget target = this.targets.require(namespace, request.function(), request.qualifier());
		requireNameFree(namespace, request.name(), schedule.id());
		schedule.replace(request.name(), target, settings, now());
		save(schedule, target);
		this.configFeed.publish(schedule.config());
		return ScheduleResponse.from(schedule);
	}

	/**
	 * Deletes a schedule and retracts it from the feed.
	 * @param namespace the namespace
	 * @param id the schedule's identifier
	 */
	@Transactional
	public void delete(String namespace, UUID id) {
		Schedule schedule = find(namespace, id);
		this.schedules.delete(schedule);
		this.configFeed.retract(ResourceKind.SCHEDULE, schedule.id().toString());
	}

	/**
	 * Deletes a function's schedules and retracts them from the feed. It hears
	 * {@link FunctionDeleting}, in the transaction that deletes the function and before
	 * the function's row goes.
	 * @param deleting the function being deleted
	 */
	@EventListener
	@Transactional
	public void retractForFunction(FunctionDeleting deleting) {
		String namespace = deleting.namespace();
		String functionName = deleting.functionName();
		for (Schedule schedule : this.schedules.findByNamespaceAndFunctionName(namespace, functionName)) {
			this.schedules.delete(schedule);
			this.configFeed.retract(ResourceKind.SCHEDULE, schedule.id().toString());
		}
	}

	private Schedule find(String namespace, UUID id) {
		this.namespaces.requireExisting(namespace);
		return this.schedules.findByIdAndNamespace(id, namespace)
			.orElseThrow(() -> new PlatformException(ProblemType.SCHEDULE_NOT_FOUND,
					"Schedule " + id + " does not exist in namespace '" + namespace + "'"));
	}

	private void requireNameFree(String namespace, String name, @Nullable UUID self) {
		this.schedules.findByNamespaceAndName(namespace, name)
			.filter((existing) -> !existing.id().equals(self))
			.ifPresent((existing) -> {
				throw exists(namespace, name);
			});
	}

	private void save(Schedule schedule, FunctionTarget target) {
		try {
			this.schedules.saveAndFlush(schedule);
		}
		catch (DataIntegrityViolationException ex) {
			if (Constraints.violated(ex, "function_schedule_name_unique")) {
				throw exists(schedule.namespace(), schedule.name());
			}
			if (Constraints.violated(ex, "function_schedule_function_fk")) {
				throw FunctionLookup.functionNotFound(schedule.namespace(), target.functionName());
			}
			throw ex;
		}
	}

	private static PlatformException exists(String namespace, String name) {
		return new PlatformException(ProblemType.SCHEDULE_EXISTS,
				"Schedule '" + name + "' already exists in namespace '" + namespace + "'");
	}

	/**
	 * The current time, at the microsecond precision the database keeps.
	 */
	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

}
