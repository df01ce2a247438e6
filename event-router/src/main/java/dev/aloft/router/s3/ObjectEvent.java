package dev.aloft.router.s3;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.aloft.problems.PlatformException;
import dev.aloft.router.system.ProblemType;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One S3 event record of a webhook body, checked, with what matching needs.
 *
 * @param record the record as posted
 * @param bucket the bucket's name
 * @param key the object key, URL-decoded
 * @param eventName the event type without the {@code s3:} prefix, e.g.
 * {@code ObjectCreated:Put}
 */
record ObjectEvent(ObjectNode record, String bucket, String key, String eventName) {

	private static final String S3_PREFIX = "s3:";

	/**
	 * Reads the records of a notification as MinIO sends it to any target (webhook, AMQP,
	 * Kafka): JSON, {@code {"Records":[…]}}.
	 * @param jsonMapper the mapper to parse with
	 * @param body the notification's bytes
	 * @return the records, in order
	 * @throws PlatformException {@code MALFORMED_REQUEST} saying what is wrong
	 */
	static List<ObjectEvent> readAll(JsonMapper jsonMapper, byte @Nullable [] body) {
		if (body == null || body.length == 0) {
			throw new PlatformException(ProblemType.MALFORMED_REQUEST,
					"Not an S3 event notification: the body is empty");
		}
		JsonNode tree;
		try {
			tree = jsonMapper.readTree(body);
		}
		catch (JacksonException ex) {
			throw new PlatformException(ProblemType.MALFORMED_REQUEST,
					"Not an S3 event notification: the body is not JSON (" + ex.getOriginalMessage() + ")");
		}
		return readAll(tree);
	}

	/**
	 * Reads the records of a webhook body: {@code {"Records":[…]}}, with MinIO's
	 * {@code EventName} and {@code Key} beside them.
	 * @param body the body
	 * @return the records, in order
	 * @throws PlatformException {@code MALFORMED_REQUEST} naming the first field that is
	 * missing or of the wrong type
	 */
	static List<ObjectEvent> readAll(JsonNode body) {
		if (!body.isObject()) {
			throw malformed("", "the body must be a JSON object with a Records array");
		}
		JsonNode records = body.get("Records");
		if (records == null || !records.isArray()) {
			throw malformed("/Records", "must be an array of S3 event records");
		}
		List<ObjectEvent> events = new ArrayList<>();
		for (int i = 0; i < records.size(); i++) {
			events.add(read(records.get(i), "/Records/" + i));
		}
		return events;
	}

	private static ObjectEvent read(JsonNode record, String pointer) {
		if (!(record instanceof ObjectNode object)) {
			throw malformed(pointer, "must be an S3 event record (an object)");
		}
		String eventName = text(record, pointer, "eventName");
		String bucket = text(record.path("s3").path("bucket"), pointer + "/s3/bucket", "name");
		String encodedKey = text(record.path("s3").path("object"), pointer + "/s3/object", "key");
		String key;
		try {
			key = URLDecoder.decode(encodedKey, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw malformed(pointer + "/s3/object/key", "is not URL-encoded: " + ex.getMessage());
		}
		String name = eventName.startsWith(S3_PREFIX) ? eventName.substring(S3_PREFIX.length()) : eventName;
		if (name.isEmpty()) {
			throw malformed(pointer + "/eventName", "must name an event type");
		}
		return new ObjectEvent(object, bucket, key, name);
	}

	private static String text(JsonNode parent, String pointer, String field) {
		JsonNode value = parent.get(field);
		if (value == null || !value.isString()) {
			throw malformed(pointer + "/" + field, "must be a string");
		}
		return value.asString();
	}

	private static PlatformException malformed(String pointer, String problem) {
		return new PlatformException(ProblemType.MALFORMED_REQUEST,
				"Not an S3 event notification: " + (pointer.isEmpty() ? "" : pointer + " ") + problem);
	}

	/**
	 * The record as S3 would send it for a notification: {@code eventName} without the
	 * {@code s3:} prefix, {@code eventSource} {@code aws:s3}, a region, and the
	 * notification's id as {@code s3.configurationId}; everything else (the URL-encoded
	 * key among it) as posted.
	 * @param notificationId the notification matched
	 * @param region the region to report when the record names none
	 * @return a new record
	 */
	ObjectNode asS3Record(String notificationId, String region) {
		ObjectNode copy = this.record.deepCopy();
		copy.put("eventName", this.eventName);
		copy.put("eventSource", "aws:s3");
		JsonNode awsRegion = copy.get("awsRegion");
		if (awsRegion == null || !awsRegion.isString() || awsRegion.asString().isBlank()) {
			copy.put("awsRegion", region);
		}
		((ObjectNode) copy.get("s3")).put("configurationId", notificationId);
		return copy;
	}

	/**
	 * What tells one event apart from another of the same object, for idempotency: S3's
	 * {@code sequencer} (and the version id, when there is one).
	 * @return the text, or empty when the record has no sequencer
	 */
	String identity() {
		JsonNode object = this.record.path("s3").path("object");
		JsonNode sequencer = object.get("sequencer");
		if (sequencer == null || !sequencer.isString() || sequencer.asString().isEmpty()) {
			return "";
		}
		JsonNode versionId = object.get("versionId");
		return this.eventName + "\n" + this.bucket + "\n" + this.key + "\n" + sequencer.asString() + "\n"
				+ ((versionId != null && versionId.isString()) ? versionId.asString() : "");
	}

}
