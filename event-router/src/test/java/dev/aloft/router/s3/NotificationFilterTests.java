package dev.aloft.router.s3;

import java.util.List;

import dev.aloft.contracts.config.BucketNotificationConfig;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * S3's matching rules: bucket, event types with group wildcards, and prefix and suffix of
 * the decoded key.
 */
class NotificationFilterTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void aGroupWildcardCoversEveryTypeOfItsGroupOnly() {
		assertThat(NotificationFilter.covers("s3:ObjectCreated:*", "s3:ObjectCreated:Put")).isTrue();
		assertThat(NotificationFilter.covers("s3:ObjectCreated:*", "s3:ObjectCreated:CompleteMultipartUpload"))
			.isTrue();
		assertThat(NotificationFilter.covers("s3:ObjectCreated:*", "s3:ObjectRemoved:Delete")).isFalse();
		assertThat(NotificationFilter.covers("s3:ObjectCreated:Put", "s3:ObjectCreated:Post")).isFalse();
		assertThat(NotificationFilter.covers("s3:LifecycleTransition", "s3:LifecycleTransition")).isTrue();
	}

	@Test
	void prefixAndSuffixApplyToTheDecodedKey() {
		ObjectEvent event = event("docs", "reports/2026+q1%2Fsummary.pdf", "s3:ObjectCreated:Put");
		assertThat(event.key()).isEqualTo("reports/2026 q1/summary.pdf");
		assertThat(NotificationFilter.matches(notification("docs", "reports/2026 q1/", ".pdf"), event)).isTrue();
		assertThat(NotificationFilter.matches(notification("docs", "reports/2026+q1", null), event)).isFalse();
		assertThat(NotificationFilter.matches(notification("docs", null, ".PDF"), event)).isFalse();
		assertThat(NotificationFilter.matches(notification("other", null, null), event)).isFalse();
	}

	@Test
	void eventNamesMatchWithOrWithoutTheS3Prefix() {
		ObjectEvent aws = event("docs", "a", "ObjectCreated:Copy");
		ObjectEvent minio = event("docs", "a", "s3:ObjectCreated:Copy");
		assertThat(aws.eventName()).isEqualTo("ObjectCreated:Copy");
		assertThat(minio.eventName()).isEqualTo("ObjectCreated:Copy");
		assertThat(NotificationFilter.matches(notification("docs", null, null), minio)).isTrue();
	}

	private static ObjectEvent event(String bucket, String key, String eventName) {
		ObjectNode body = JSON.createObjectNode();
		ObjectNode record = body.putArray("Records").addObject();
		record.put("eventName", eventName);
		ObjectNode s3 = record.putObject("s3");
		s3.putObject("bucket").put("name", bucket);
		s3.putObject("object").put("key", key);
		return ObjectEvent.readAll(body).get(0);
	}

	private static BucketNotificationConfig notification(String bucket, @Nullable String prefix,
			@Nullable String suffix) {
		return new BucketNotificationConfig("n1", "default", bucket, "f", "$LATEST", List.of("s3:ObjectCreated:*"),
				prefix, suffix);
	}

}
