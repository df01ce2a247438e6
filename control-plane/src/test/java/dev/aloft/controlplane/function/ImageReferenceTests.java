package dev.aloft.controlplane.function;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import dev.aloft.controlplane.system.ProblemType;
import dev.aloft.problems.PlatformException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Container image references, as Docker's grammar has them.
 */
class ImageReferenceTests {

	private static final String DIGEST = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

	@ParameterizedTest
	@ValueSource(strings = { "python", "library/python:3.12", "registry.example/team/fn:1.4", "localhost:5000/fn",
			"127.0.0.1:5000/a/b/c:v1_2-3", "123456789012.dkr.ecr.us-east-1.amazonaws.com/fn:latest",
			"my-registry.example:443/team/my_fn__x@sha256:" + DIGEST, "fn:tag@sha256:" + DIGEST,
			"Registry.Example/fn" })
	void acceptsValidReferences(String uri) {
		assertThat(ImageReference.parse(uri).uri()).isEqualTo(uri);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "Fn", "team/Fn:1", "fn:", "fn:-tag", "fn@sha256:abc",
			"fn@sha256:Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "https://registry.example/fn",
			"fn:1 2", "/fn", "fn/", "team//fn", "fn:tag:other", "fn@md5:" + DIGEST })
	void refusesMalformedReferences(String uri) {
		assertThatExceptionOfType(PlatformException.class).isThrownBy(() -> ImageReference.parse(uri))
			.satisfies((ex) -> assertThat(ex.problemType()).isEqualTo(ProblemType.VALIDATION_FAILED));
	}

	@Test
	void refusesTooLongReference() {
		assertThatExceptionOfType(PlatformException.class)
			.isThrownBy(() -> ImageReference.parse("a".repeat(256) + ":1"))
			.withMessageContaining("not valid");
	}

	@Test
	void digestStandsForPinnedImage() {
		ImageReference pinned = ImageReference.parse("registry.example/team/fn:1.4@sha256:" + DIGEST);

		assertThat(pinned.name()).isEqualTo("registry.example/team/fn");
		assertThat(pinned.tag()).isEqualTo("1.4");
		assertThat(pinned.contentSha256()).isEqualTo(DIGEST);
		assertThat(pinned.resolved()).isEqualTo("registry.example/team/fn@sha256:" + DIGEST);
	}

	@Test
	void referenceTextStandsForTaggedImage() throws Exception {
		ImageReference tagged = ImageReference.parse("registry.example/fn:1");

		assertThat(tagged.contentSha256()).isEqualTo(HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-256")
				.digest("registry.example/fn:1".getBytes(StandardCharsets.UTF_8))));
		assertThat(tagged.resolved()).isEqualTo("registry.example/fn:1");
	}

}
