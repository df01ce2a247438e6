package dev.aloft.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BodiesTests {

	private static final byte[] BODY = "0123456789".getBytes(StandardCharsets.UTF_8);

	@Test
	void readsADeclaredBodyWhole() throws IOException {
		assertThat(Bodies.readAtMost(new ByteArrayInputStream(BODY), BODY.length, 100)).isEqualTo(BODY);
	}

	@Test
	void readsAnUndeclaredBodyToItsEnd() throws IOException {
		assertThat(Bodies.readAtMost(new ByteArrayInputStream(BODY), -1, 100)).isEqualTo(BODY);
	}

	@Test
	void readsOneByteMoreThanTheLimitOfALongerBody() throws IOException {
		assertThat(Bodies.readAtMost(new ByteArrayInputStream(BODY), BODY.length, 4)).hasSize(5);
		assertThat(Bodies.readAtMost(new ByteArrayInputStream(BODY), -1, 4)).hasSize(5);
	}

	@Test
	void aBodyShorterThanDeclaredEndsWhereItEnds() throws IOException {
		assertThat(Bodies.readAtMost(new ByteArrayInputStream(BODY), 50, 100)).isEqualTo(BODY);
	}

	@Test
	void anEmptyDeclaredBodyReadsNothing() throws IOException {
		assertThat(Bodies.readAtMost(new ByteArrayInputStream(BODY), 0, 100)).isEmpty();
	}

}
