package dev.aloft.controlplane.invocation;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.aloft.contracts.invoke.InvocationOutcome;
import dev.aloft.contracts.records.FunctionLogLine;
import dev.aloft.contracts.records.InvocationRecord;
import dev.aloft.contracts.records.RecordBatch;
import dev.aloft.controlplane.invocation.FunctionLogStore.FollowedLines;
import dev.aloft.controlplane.invocation.InvocationRecordStore.StoredInvocation;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The standalone launcher runs the control plane on embedded H2 in PostgreSQL mode: the
 * same migration and this feature's SQL (skipping duplicates with
 * {@code ON CONFLICT DO NOTHING}, row-value cursors, chunked deletes) work there too.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
		"spring.datasource.url=jdbc:h2:mem:records-h2;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
				+ "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1;INIT=CREATE SCHEMA IF NOT EXISTS control",
		"spring.datasource.username=sa", "spring.datasource.password=", "aloft.control-plane.records.delete-chunk=2" })
class InvocationRecordsOnH2IntegrationTests {

	@Autowired
	RecordIngestion ingestion;

	@Autowired
	RecordStores stores;

	@Autowired
	RecordRetention retention;

	@Test
	void storesOnceQueriesFollowsAndExpires() {
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		Instant old = now.minus(8, ChronoUnit.DAYS);
		List<InvocationRecord> records = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			records.add(record("req-" + i, now.minusSeconds(10 - i)));
			records.add(record("old-" + i, old.plusSeconds(i)));
		}
		List<FunctionLogLine> lines = List.of(line("req-1", now.minusSeconds(3), "one"),
				line("req-1", now.minusSeconds(2), "two"), line("old-1", old, "ancient"));
		long lastBefore = this.stores.logs().lastId();
		String key = UUID.randomUUID().toString();

		assertThat(this.ingestion.ingest(new RecordBatch(records, lines), key).records()).isEqualTo(10);
		assertThat(this.ingestion.ingest(new RecordBatch(records, lines), key).duplicate()).isTrue();
		assertThat(this.ingestion.ingest(new RecordBatch(records, List.of()), null).records()).isZero();

		List<StoredInvocation> firstPage = this.stores.records()
			.newestFirst("default", "fn", now.minusSeconds(60), null, InvocationOutcome.SUCCESS, null, 2);
		assertThat(firstPage).extracting((row) -> row.record().requestId()).containsExactly("req-4", "req-3");
		assertThat(this.stores.records()
			.newestFirst("default", "fn", now.minusSeconds(60), null, null, firstPage.getLast().cursor(), 10))
			.extracting((row) -> row.record().requestId())
			.containsExactly("req-2", "req-1", "req-0");
		assertThat(this.stores.records().latest("default", "fn", "req-2")).isPresent();
		assertThat(this.stores.logs().oldestFirst("default", "fn", "req-1", null, null, null, 10))
			.extracting((row) -> row.line().message())
			.containsExactly("one", "two");
		FollowedLines followed = this.stores.logs().storedAfter("default", "fn", "req-1", lastBefore, 1);
		assertThat(followed.lines()).extracting((row) -> row.line().message()).containsExactly("one");
		assertThat(this.stores.logs().storedAfter("default", "fn", "req-1", followed.nextAfterId(), 10).lines())
			.extracting((row) -> row.line().message())
			.containsExactly("two");

		RecordRetention.Purged purged = this.retention.purge(now);

		assertThat(purged.records()).isEqualTo(5);
		assertThat(purged.lines()).isEqualTo(1);
		assertThat(this.stores.records().newestFirst("default", "fn", null, null, null, null, 100)).hasSize(5);
	}

	private static InvocationRecord record(String requestId, Instant startedAt) {
		return new InvocationRecord(requestId, "default", "fn", "$LATEST", "http", InvocationOutcome.SUCCESS, null,
				false, 0, 0.5, 10, 10, 128, 30, startedAt, startedAt.plusMillis(11), "invoker-1");
	}

	private static FunctionLogLine line(String requestId, Instant at, String message) {
		return new FunctionLogLine(requestId, "default", "fn", "$LATEST", at, "stdout", message);
	}

}
