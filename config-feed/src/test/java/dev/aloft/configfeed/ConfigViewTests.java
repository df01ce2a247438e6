package dev.aloft.configfeed;

import java.util.List;
import java.util.Map;

import dev.aloft.contracts.config.ConfigChange;
import dev.aloft.contracts.config.ConfigChanges;
import dev.aloft.contracts.config.ConfigSnapshot;
import dev.aloft.contracts.config.FunctionPermissionConfig;
import dev.aloft.contracts.config.FunctionVersionConfig;
import dev.aloft.contracts.config.ResourceKind;
import dev.aloft.contracts.config.RouteConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigViewTests {

	static FunctionVersionConfig function(String name, String revisionId) {
		return new FunctionVersionConfig("default", name, "$LATEST", revisionId, "python3.11", "app.handler", 128, 3,
				512, Map.of(), "0".repeat(64), 10);
	}

	static RouteConfig route(String id, String path) {
		return new RouteConfig(id, "default", "GET", path, "hello", "$LATEST");
	}

	@Test
	void snapshotBuildsTheView() {
		ConfigView view = ConfigView.of(new ConfigSnapshot(7, List.of(function("hello", "r1"), route("a", "/a"))));

		assertThat(view.revision()).isEqualTo(7);
		assertThat(view.functionVersion("default", "hello", "$LATEST")).isEqualTo(function("hello", "r1"));
		assertThat(view.functionVersion("default", "hello", "1")).isNull();
		assertThat(view.routes()).containsExactly(route("a", "/a"));
	}

	@Test
	void changesReplaceAddAndDeleteWithoutTouchingTheOldView() {
		ConfigView before = ConfigView.of(new ConfigSnapshot(7, List.of(function("hello", "r1"), route("a", "/a"))));

		ConfigView after = before.apply(new ConfigChanges(10,
				List.of(new ConfigChange(8, ResourceKind.FUNCTION_VERSION, function("hello", "r2").key(),
						function("hello", "r2")), new ConfigChange(9, ResourceKind.ROUTE, "a", null),
						new ConfigChange(10, ResourceKind.ROUTE, "b", route("b", "/b")))));

		assertThat(after.revision()).isEqualTo(10);
		assertThat(after.functionVersion("default", "hello", "$LATEST").revisionId()).isEqualTo("r2");
		assertThat(after.routes()).containsExactly(route("b", "/b"));
		assertThat(before.routes()).containsExactly(route("a", "/a"));
		assertThat(before.functionVersion("default", "hello", "$LATEST").revisionId()).isEqualTo("r1");
	}

	@Test
	void invokePermissionsMatchKeyFunctionAndQualifier() {
		ConfigView view = ConfigView
			.of(new ConfigSnapshot(7, List.of(new FunctionPermissionConfig("team", "hello", "any", "AKIAANY", null),
					new FunctionPermissionConfig("team", "hello", "live", "AKIALIVE", "live"))));

		assertThat(view.invokePermitted("AKIAANY", "team", "hello", "$LATEST")).isTrue();
		assertThat(view.invokePermitted("AKIAANY", "team", "hello", "7")).isTrue();
		assertThat(view.invokePermitted("AKIALIVE", "team", "hello", "live")).isTrue();
		assertThat(view.invokePermitted("AKIALIVE", "team", "hello", "$LATEST")).isFalse();
		assertThat(view.invokePermitted("AKIAANY", "team", "other", "$LATEST")).isFalse();
		assertThat(view.invokePermitted("AKIAANY", "default", "hello", "$LATEST")).isFalse();
		assertThat(view.invokePermitted("AKIAOTHER", "team", "hello", "$LATEST")).isFalse();
	}

	@Test
	void anEmptyAnswerAtTheSameRevisionKeepsTheView() {
		ConfigView view = ConfigView.of(new ConfigSnapshot(7, List.of()));

		assertThat(view.apply(new ConfigChanges(7, List.of()))).isSameAs(view);
		assertThat(view.apply(new ConfigChanges(9, List.of())).revision()).isEqualTo(9);
	}

}
