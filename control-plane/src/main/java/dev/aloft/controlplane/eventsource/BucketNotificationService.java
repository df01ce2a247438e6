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
 * Creates, reads, replaces and deletes bucket notifications, with S3's rule that the
 * notifications of one bucket may not overlap, and publishes them on the feed for the
 * event router in the same transaction.
 * <p>
 * Overlaps are checked among the notifications of a namespace: each namespace sees the
 * buckets as an S3 account of its own would, and learns nothing of other namespaces'
 * notifications. Every method throws {@link PlatformException} problems:
 * {@code NAMESPACE_NOT_FOUND}, {@code BUCKET_NOTIFICATION_NOT_FOUND} (404),
 * {@code VALIDATION_FAILED} (400) and the others named on each method.
 */
@Service
public class BucketNotificationService {

	private final BucketNotificationRepository notifications;

	private final BucketLocks buckets;

	private final FunctionTargets targets;

	private final Namespaces namespaces;

	private final ConfigFeed configFeed;

	private final Clock clock = Clock.systemUTC();

	BucketNotificationService(BucketNotificationRepository notifications, BucketLocks buckets, FunctionTargets targets,
			Namespaces namespaces, ConfigFeed configFeed) {
		this.notifications = notifications;
		this.buckets = buckets;
		this.targets = targets;
		this.namespaces = namespaces;
		this.configFeed = configFeed;
	}

	/**
	 * Creates a notification.
	 * @param namespace the namespace
	 * @param request the notification
	 * @return the notification, with its new identifier
	 * @throws PlatformException {@code FUNCTION_NOT_FOUND} (404);
	 * {@code BUCKET_NOTIFICATION_OVERLAP} (400) when another notification of the bucket
	 * shares an event type for keys both match
	 */
	@Transactional
	public BucketNotificationResponse create(String namespace, BucketNotificationRequest request) {
		this.namespaces.requireExisting(namespace);
		BucketNotificationSettings settings = BucketNotificationSettings.of(request);
		FunctionTarget target = this.targets.require(namespace, request.function(), request.qualifier());
		requireNoOverlap(namespace, settings, null);
		BucketNotification notification = new BucketNotification(namespace, target, settings, now());
		save(notification, namespace, target);
		this.configFeed.publish(notification.config());
		return BucketNotificationResponse.from(notification);
	}

	/**
	 * Reads a notification.
	 * @param namespace the namespace
	 * @param id the notification's identifier
	 * @return the notification
	 */
	@Transactional(readOnly = true)
	public BucketNotificationResponse get(String namespace, UUID id) {
		return BucketNotificationResponse.from(find(namespace, id));
	}

	/**
	 * Lists a namespace's notifications in creation order, a page at a time.
	 * @param namespace the namespace
	 * @param limit the most notifications on the page
	 * @param pageToken where to go on, from the previous page; null for the first page
	 * @return the page, with the token of the next one unless it is the last
	 */
	@Transactional(readOnly = true)
	public CursorPage<BucketNotificationResponse> list(String namespace, int limit, @Nullable String pageToken) {
		this.namespaces.requireExisting(namespace);
		PageCursor after = PageCursor.decode(pageToken);
		return PageCursor.page(this.notifications.page(namespace, after.createdAt(), after.id(), Limit.of(limit + 1)),
				limit, BucketNotificationResponse::from,
				(notification) -> new PageCursor(notification.createdAt(), notification.id()));
	}

	/**
	 * Replaces a notification (its bucket too), if the caller read its current state.
	 * @param namespace the namespace
	 * @param id the notification's identifier
	 * @param ifMatch the ETag the caller read, or {@code *} to replace whatever is there
	 * @param request the whole new notification
	 * @return the notification
	 * @throws PlatformException {@code PRECONDITION_REQUIRED} (428),
	 * {@code PRECONDITION_FAILED} (412), {@code FUNCTION_NOT_FOUND},
	 * {@code BUCKET_NOTIFICATION_OVERLAP} as on creation
	 */
	@Transactional
	public BucketNotificationResponse update(String namespace, UUID id, @Nullable String ifMatch,
			BucketNotificationRequest request) {
		BucketNotification notification = find(namespace, id);
		Preconditions.requireMatch(ifMatch, notification.entityVersion(), "bucket notification " + id);
		BucketNotificationSettings settings = BucketNotificationSettings.of(request);
		FunctionTarget target = this.targets.require(namespace, request.function(), request.qualifier());
		requireNoOverlap(namespace, settings, notification.id());
		notification.replace(target, settings, now());
		save(notification, namespace, target);
		this.configFeed.publish(notification.config());
		return BucketNotificationResponse.from(notification);
	}

	/**
	 * Deletes a notification and retracts it from the feed.
	 * @param namespace the namespace
	 * @param id the notification's identifier
	 */
	@Transactional
	public void delete(String namespace, UUID id) {
		BucketNotification notification = find(namespace, id);
		this.notifications.delete(notification);
		this.configFeed.retract(ResourceKind.BUCKET_NOTIFICATION, notification.id().toString());
	}

	/**
	 * Deletes a function's notifications and retracts them from the feed. It hears
	 * {@link FunctionDeleting}, in the transaction that deletes the function and before
	 * the function's row goes.
	 * @param deleting the function being deleted
	 */
	@EventListener
	@Transactional
	public void retractForFunction(FunctionDeleting deleting) {
		String namespace = deleting.namespace();
		String functionName = deleting.functionName();
		for (BucketNotification notification : this.notifications.findByNamespaceAndFunctionName(namespace,
				functionName)) {
			this.notifications.delete(notification);
			this.configFeed.retract(ResourceKind.BUCKET_NOTIFICATION, notification.id().toString());
		}
	}

	private BucketNotification find(String namespace, UUID id) {
		this.namespaces.requireExisting(namespace);
		return this.notifications.findByIdAndNamespace(id, namespace)
			.orElseThrow(() -> new PlatformException(ProblemType.BUCKET_NOTIFICATION_NOT_FOUND,
					"Bucket notification " + id + " does not exist in namespace '" + namespace + "'"));
	}

	/**
	 * Checks the bucket's other notifications, holding the bucket's lock so no concurrent
	 * write slips in between the check and this write.
	 */
	private void requireNoOverlap(String namespace, BucketNotificationSettings settings, @Nullable UUID self) {
		this.buckets.lock(namespace, settings.bucket());
		for (BucketNotification other : this.notifications.findByNamespaceAndBucket(namespace, settings.bucket())) {
			String event = other.id().equals(self) ? null : settings.overlap(other.settings());
			if (event != null) {
				throw new PlatformException(ProblemType.BUCKET_NOTIFICATION_OVERLAP,
						"Configurations overlap. Configurations on the same bucket cannot share a common event type. "
								+ "Notification " + other.id() + " of bucket " + settings.bucket() + " also gets "
								+ event + " for keys that both filters match.");
			}
		}
	}

	private void save(BucketNotification notification, String namespace, FunctionTarget target) {
		try {
			this.notifications.saveAndFlush(notification);
		}
		catch (DataIntegrityViolationException ex) {
			if (Constraints.violated(ex, "bucket_notification_function_fk")) {
				throw FunctionLookup.functionNotFound(namespace, target.functionName());
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
