package dev.aloft.controlplane.invocation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.aloft.contracts.invoke.InvocationOutcome;
import dev.aloft.contracts.records.FunctionLogLine;
import dev.aloft.contracts.records.InvocationRecord;
import dev.aloft.contracts.records.RecordBatch;
import dev.aloft.problems.PlatformException;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a batch must be before any of it is stored, and how long text is cut.
 */
class RecordBatchValidatorTests {

	private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

	private final RecordBatchValidator validator = new RecordBatchValidator(properties(2, 3, 300));

	@Test
	void aValidBatchPassesUnchanged() {
		RecordBatch batch = new RecordBatch(List.of(record("req", "ValueError")),
				List.of(line("stdout", "hello"), line("platform", "START RequestId: req")));

		assertThat(this.validator.validate(batch)).isEqualTo(batch);
	}

	@Test
	void missingListsAreEmpty() {
		RecordBatch batch = this.validator.validate(new RecordBatch(null, null));

		assertThat(batch.invocations()).isEmpty();
		assertThat(batch.logs()).isEmpty();
	}

	@Test
	void tooManyRecordsOrLinesAre413() {
		assertThatThrownBy(() -> this.validator
			.validate(new RecordBatch(List.of(record("a", null), record("b", null), record("c", null)), List.of())))
			.isInstanceOfSatisfying(PlatformException.class,
					(ex) -> assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE));
		assertThatThrownBy(() -> this.validator.validate(new RecordBatch(List.of(),
				List.of(line("stdout", "1"), line("stdout", "2"), line("stdout", "3"), line("stdout", "4")))))
			.isInstanceOfSatisfying(PlatformException.class,
					(ex) -> assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE));
	}

	@Test
	void everyInvalidFieldIsReportedWithItsPointer() {
		InvocationRecord bad = new InvocationRecord("r".repeat(129), "ns", "", "$LATEST", "http", null, null, false, -1,
				Double.NaN, Double.POSITIVE_INFINITY, -5, 0, -2, null, NOW, "invoker");
		FunctionLogLine badLine = new FunctionLogLine("req", "ns", "fn", "$LATEST", null, "console", null);

		assertThatThrownBy(() -> this.validator.validate(new RecordBatch(List.of(bad), List.of(badLine))))
			.isInstanceOfSatisfying(PlatformException.class, (ex) -> {
				assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
				@SuppressWarnings("unchecked")
				List<Map<String, String>> errors = (List<Map<String, String>>) ex.getBody()
					.getProperties()
					.get("errors");
				assertThat(errors).extracting((error) -> error.get("pointer"))
					.containsExactly("/invocations/0/requestId", "/invocations/0/functionName",
							"/invocations/0/outcome", "/invocations/0/startedAt", "/invocations/0/initDurationMillis",
							"/invocations/0/queueWaitMillis", "/invocations/0/durationMillis",
							"/invocations/0/billedDurationMillis", "/invocations/0/memorySizeMb",
							"/invocations/0/maxMemoryUsedMb", "/logs/0/timestamp", "/logs/0/stream", "/logs/0/message");
			});
	}

	@Test
	void longTextIsCutNotRefused() {
		RecordBatch batch = this.validator.validate(
				new RecordBatch(List.of(record("req", "E".repeat(300))), List.of(line("stdout", "y".repeat(301)))));

		assertThat(batch.invocations().getFirst().errorType()).hasSize(RecordBatchValidator.MAX_ERROR_TYPE_LENGTH);
		assertThat(batch.logs().getFirst().message()).isEqualTo("y".repeat(273) + " [truncated 28 characters]");
	}

	@Test
	void cuttingNeverSplitsASurrogatePair() {
		String line = "a".repeat(272) + "😀" + "b".repeat(30);

		assertThat(LogLines.cut(line, 300)).isEqualTo("a".repeat(272) + " [truncated 32 characters]");
		assertThat(LogLines.cut("short", 300)).isEqualTo("short");
	}

	@Test
	void aCutLineIsNeverLongerThanTheLimit() {
		for (int length = 301; length < 2000; length += 7) {
			assertThat(LogLines.cut("z".repeat(length), 300)).hasSizeLessThanOrEqualTo(300).endsWith(" characters]");
		}
	}

	@Test
	void pageTokensRoundTripAndRejectForgeries() {
		RecordCursor cursor = new RecordCursor(Instant.parse("2025-06-01T12:00:00.123456Z"), 42);

		assertThat(RecordCursor.decode(cursor.encode())).isEqualTo(cursor);
		assertThatThrownBy(() -> RecordCursor.decode("not base64!")).isInstanceOf(PlatformException.class);
		assertThatThrownBy(() -> RecordCursor.decode("MS4y")).isInstanceOf(PlatformException.class);
	}

	@Test
	void propertiesRefuseNonsense() {
		assertThatIllegalArgumentException().isThrownBy(
				() -> new RecordsProperties(Duration.ZERO, Duration.ofMinutes(5), 100, 10, 10, DataSize.ofMegabytes(1),
						300, Duration.ofMillis(250), Duration.ofMinutes(30), Duration.ofSeconds(15), 10));
	}

	private static RecordsProperties properties(int maxRecords, int maxLines, int maxLineLength) {
		return new RecordsProperties(Duration.ofDays(7), Duration.ofMinutes(5), 100, maxRecords, maxLines,
				DataSize.ofMegabytes(1), maxLineLength, Duration.ofMillis(250), Duration.ofMinutes(30),
				Duration.ofSeconds(15), 10);
	}

	private static InvocationRecord record(String requestId, String errorType) {
		return new InvocationRecord(requestId, "ns", "fn", "$LATEST", "http", InvocationOutcome.FUNCTION_ERROR,
				errorType, false, 0, 1, 2, 2, 128, 40, NOW, NOW.plusMillis(3), "invoker");
	}

	private static FunctionLogLine line(String stream, String message) {
		return new FunctionLogLine("req", "ns", "fn", "$LATEST", NOW, stream, message);
	}

}
