package dev.aloft.router.dispatch;

import java.net.URI;

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
	void namesWhatAnUnsupportedArnIs() {
		assertThat(reason("arn:aws:sns:us-east-1:000000000000:topic")).contains("an SNS topic");
		assertThat(reason("arn:aws:events:us-east-1:000000000000:event-bus/default"))
			.contains("an EventBridge event bus");
		assertThat(reason("arn:aws:s3:::bucket")).contains("an S3 bucket");
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
