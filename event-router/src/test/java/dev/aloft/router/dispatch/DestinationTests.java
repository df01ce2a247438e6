package dev.aloft.router.dispatch;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

import dev.aloft.router.EventRouterProperties;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DestinationTests {

	private final EventRouterProperties router = new EventRouterProperties("us-east-1", "000000000000");

	@Test
	void readsFunctionArnsWithAndWithoutQualifier() {
		assertThat(Destination.parse("arn:aws:lambda:us-east-1:000000000000:function:next", this.router))
			.isEqualTo(new Destination.FunctionTarget("next", "$LATEST"));
		assertThat(Destination.parse("arn:aws:lambda:us-east-1:000000000000:function:next:live", this.router))
			.isEqualTo(new Destination.FunctionTarget("next", "live"));
		assertThat(Destination.parse("arn:aws:lambda:us-east-1:000000000000:function:next:$LATEST", this.router))
			.isEqualTo(new Destination.FunctionTarget("next", "$LATEST"));
	}

	@Test
	void refusesFunctionsOfAnotherRegionOrAccount() {
		assertThat(Destination.parse("arn:aws:lambda:eu-west-1:000000000000:function:next", this.router))
			.isInstanceOf(Destination.Invalid.class);
		assertThat(Destination.parse("arn:aws:lambda:us-east-1:123456789012:function:next", this.router))
			.isInstanceOf(Destination.Invalid.class);
	}

	@Test
	void readsWebhooks() {
		assertThat(Destination.parse("https://hooks.example.com/lambda?x=1", this.router))
			.isEqualTo(new Destination.Webhook(URI.create("https://hooks.example.com/lambda?x=1")));
		assertThat(Destination.parse("http://127.0.0.1:8080/", this.router)).isInstanceOf(Destination.Webhook.class);
		assertThat(Destination.parse("http://", this.router)).isInstanceOf(Destination.Invalid.class);
	}

	@Test
	void readsStandardQueueArns() {
		assertThat(Destination.parse("arn:aws:sqs:eu-west-1:123456789012:results", this.router))
			.isEqualTo(new Destination.Queue(new QueueSender.Address("arn:aws:sqs:eu-west-1:123456789012:results",
					"eu-west-1", "123456789012", "results")));
		assertThat(Destination.parse("arn:aws-cn:sqs:cn-north-1:123456789012:results", this.router))
			.isInstanceOf(Destination.Queue.class);
	}

	@Test
	void refusesFifoQueuesAndBrokenQueueArns() {
		assertThat(Destination.parse("arn:aws:sqs:us-east-1:000000000000:results.fifo", this.router))
			.isInstanceOfSatisfying(Destination.Unsupported.class,
					(unsupported) -> assertThat(unsupported.reason()).contains("FIFO"));
		assertThat(Destination.parse("arn:aws:sqs:us-east-1:000000000000:", this.router))
			.isInstanceOf(Destination.Invalid.class);
		assertThat(Destination.parse("arn:aws:sqs:us-east-1:42:results", this.router))
			.isInstanceOf(Destination.Invalid.class);
	}

	@Test
	void readsS3BucketArns() {
		assertThat(Destination.parse("arn:aws:s3:::failures", this.router))
			.isEqualTo(new Destination.Bucket("arn:aws:s3:::failures", "failures"));
		assertThat(Destination.parse("arn:aws:s3:::my.records-2024", this.router))
			.isEqualTo(new Destination.Bucket("arn:aws:s3:::my.records-2024", "my.records-2024"));
		assertThat(Destination.parse("arn:aws:s3:::abc", this.router)).isInstanceOf(Destination.Bucket.class);
		assertThat(Destination.parse("arn:aws:s3:::" + "b".repeat(63), this.router))
			.isInstanceOf(Destination.Bucket.class);
		assertThat(Destination.parse("arn:aws:s3:::failures", this.router).type()).isEqualTo("bucket");
	}

	@Test
	void refusesMalformedS3Arns() {
		for (String arn : new String[] { "arn:aws:s3:::", "arn:aws:s3:::ab", "arn:aws:s3:::" + "b".repeat(64),
				"arn:aws:s3:::Failures", "arn:aws:s3:::-failures", "arn:aws:s3:::failures.", "arn:aws:s3:::fail_ures",
				"arn:aws:s3:us-east-1:000000000000:failures", "arn:aws:s3:::failures/key" }) {
			assertThat(Destination.parse(arn, this.router)).as(arn)
				.isInstanceOfSatisfying(Destination.Invalid.class, (invalid) -> assertThat(invalid.reason())
					.contains("not a valid S3 bucket ARN", "arn:aws:s3:::<bucket>", "3 to 63"));
		}
	}

	@Test
	void keysBucketObjectsAsLambdaDoes() {
		assertThat(Destination.Bucket.objectKey("orders", Instant.parse("2024-03-05T07:08:09.123Z"),
				UUID.fromString("3f2a6c1e-0d4b-4e8a-9c1f-2b7d5e6a8c90")))
			.isEqualTo("aws/lambda/async/orders/2024/03/05/2024-03-05T07.08.09-3f2a6c1e-0d4b-4e8a-9c1f-2b7d5e6a8c90");
	}

	@Test
	void namesWhatAnUnsupportedArnIs() {
		assertThat(reason("arn:aws:sns:us-east-1:000000000000:topic")).contains("an SNS topic");
		assertThat(reason("arn:aws:events:us-east-1:000000000000:event-bus/default"))
			.contains("an EventBridge event bus");
		assertThat(reason("arn:aws:kafka:us-east-1:000000000000:cluster/c/id")).contains("a Kafka topic");
	}

	@Test
	void tellsInvalidAddressesApart() {
		assertThat(Destination.parse("ftp://example.com", this.router)).isInstanceOf(Destination.Invalid.class);
		assertThat(Destination.parse("", this.router)).isInstanceOf(Destination.Invalid.class);
	}

	private String reason(String arn) {
		Destination destination = Destination.parse(arn, this.router);
		assertThat(destination).isInstanceOf(Destination.Unsupported.class);
		return ((Destination.Unsupported) destination).reason();
	}

}
