package dev.aloft.invoker.pool;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import dev.aloft.contracts.config.FunctionVersionConfig;
import dev.aloft.invoker.pool.EnvironmentState.Busy;
import dev.aloft.invoker.pool.EnvironmentState.Dead;
import dev.aloft.invoker.pool.EnvironmentState.Idle;
import dev.aloft.invoker.pool.EnvironmentState.Returning;
import dev.aloft.invoker.pool.EnvironmentState.Starting;
import dev.aloft.invoker.spi.SandboxId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The environment lifecycle is its transition table: every pair of states is either
 * allowed or refused, and nothing leaves {@code Dead}.
 */
class EnvironmentStateTests {

	private static final FunctionVersionConfig FUNCTION = new FunctionVersionConfig("default", "state", "$LATEST",
			"rev-1", "python3.11", "app.handler", 128, 3, 512, Map.of(), "0".repeat(64), 1);

	/** What the lifecycle allows, written out independently of the table under test. */
	private static final Map<Class<?>, Set<Class<?>>> EXPECTED = Map.of(Starting.class,
			Set.of(Idle.class, Busy.class, Dead.class), Idle.class, Set.of(Busy.class, Dead.class), Busy.class,
			Set.of(Returning.class, Dead.class), Returning.class, Set.of(Idle.class, Busy.class, Dead.class),
			Dead.class, Set.of());

	static List<EnvironmentState> states() {
		return List.of(new Starting(0), new Idle(new CompletableFuture<>(), 0), new Busy(invocation()),
				new Returning("req-0"), new Dead("gone"));
	}

	private static Invocation invocation() {
		return new Invocation(
				new InvocationRequest("req-1", new byte[0], "application/json",
						"arn:aws:lambda:us-east-1:000000000000:function:state", null, null, false),
				FUNCTION, 0, InvocationRecorder.NONE);
	}

	static Stream<Arguments> everyPair() {
		return states().stream().flatMap((from) -> states().stream().map((to) -> Arguments.of(from, to)));
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@MethodSource("everyPair")
	void allowsExactlyTheLifecycleTransitions(EnvironmentState from, EnvironmentState to) {
		boolean expected = EXPECTED.get(from.getClass()).contains(to.getClass());
		assertThat(from.allows(to)).as("%s -> %s", from.getClass().getSimpleName(), to.getClass().getSimpleName())
			.isEqualTo(expected);
	}

	@Test
	void tableCoversEveryState() {
		assertThat(EnvironmentState.TRANSITIONS.keySet().stream().map(Class::getSimpleName))
			.containsExactlyInAnyOrder("Starting", "Idle", "Busy", "Returning", "Dead");
		assertThat(EnvironmentState.class.getPermittedSubclasses()).hasSize(EnvironmentState.TRANSITIONS.size());
	}

	@Test
	void deadIsFinal() {
		Dead dead = new Dead("exited");
		assertThat(states()).noneMatch(dead::allows);
	}

	@Test
	void environmentStartsStartingAndFollowsAnInvocationRoundTrip() {
		Environment environment = newEnvironment();
		assertThat(environment.state()).isInstanceOf(Starting.class);
		Invocation invocation = invocation();

		environment.transition(new Busy(invocation));
		environment.transition(new Returning("req-1"));
		environment.transition(new Idle(new CompletableFuture<>(), 1));
		environment.transition(new Busy(invocation));
		environment.transition(new Dead("timed out"));

		assertThat(environment.dead()).isTrue();
	}

	@Test
	void environmentRefusesTransitionsOutsideTheTable() {
		Environment environment = newEnvironment();

		assertThatIllegalStateException().isThrownBy(() -> environment.transition(new Returning("req-1")))
			.withMessageContaining("Starting")
			.withMessageContaining("Returning");
		assertThat(environment.state()).isInstanceOf(Starting.class);

		environment.transition(new Dead("start failed"));
		assertThatIllegalStateException()
			.isThrownBy(() -> environment.transition(new Idle(new CompletableFuture<>(), 1)));
		assertThatIllegalStateException().isThrownBy(() -> environment.transition(new Dead("again")));
		assertThat(environment.state()).isEqualTo(new Dead("start failed"));
	}

	@Test
	void idleCannotReturnWithoutAnInvocation() {
		Environment environment = newEnvironment();
		environment.transition(new Idle(new CompletableFuture<>(), 1));

		assertThatIllegalStateException().isThrownBy(() -> environment.transition(new Returning("req-1")));
		assertThatIllegalStateException()
			.isThrownBy(() -> environment.transition(new Idle(new CompletableFuture<>(), 2)));
	}

	private static Environment newEnvironment() {
		VersionPool pool = new VersionPool(PoolKey.of(FUNCTION), FUNCTION);
		return new Environment(new SandboxId("env-1"), "0".repeat(32), pool, 0);
	}

}
