package dev.aloft.controlplane.function;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import dev.aloft.controlplane.CodeZips;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The standalone launcher runs the control plane on embedded H2 in PostgreSQL mode: the
 * collection's migration and SQL work there too.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
		"spring.datasource.url=jdbc:h2:mem:code-collection-h2;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
				+ "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1;INIT=CREATE SCHEMA IF NOT EXISTS control",
		"spring.datasource.username=sa", "spring.datasource.password=", "aloft.control-plane.code.gc.enabled=false" })
class CodeArtifactCollectionOnH2IntegrationTests {

	@Autowired
	CodeArtifactStore store;

	@Autowired
	CodeArtifactCollection collection;

	@Autowired
	JdbcClient jdbc;

	@Test
	void collectsWhatWasNotUsedWithinTheGracePeriod() {
		Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
		byte[] old = CodeZips.pythonApp("old");
		byte[] reused = CodeZips.pythonApp("reused");
		byte[] recent = CodeZips.pythonApp("recent");
		Instant longAgo = now.minus(Duration.ofDays(10));
		this.store.storeIfAbsent(CodeIntake.sha256(old), old, longAgo);
		this.store.storeIfAbsent(CodeIntake.sha256(reused), reused, longAgo);
		this.store.storeIfAbsent(CodeIntake.sha256(reused), reused, now);
		this.store.storeIfAbsent(CodeIntake.sha256(recent), recent, now);

		CodeArtifactCollection.Collected collected = this.collection.collect(now);

		assertThat(collected.artifacts()).isOne();
		assertThat(collected.bytes()).isEqualTo(old.length);
		assertThat(this.jdbc.sql("SELECT sha256 FROM code_artifact").query(String.class).list())
			.containsExactlyInAnyOrder(CodeIntake.sha256(reused), CodeIntake.sha256(recent));
	}

}
