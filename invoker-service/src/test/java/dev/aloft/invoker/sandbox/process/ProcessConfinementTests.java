package dev.aloft.invoker.sandbox.process;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import dev.aloft.invoker.spi.SandboxLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command that confines a runtime, where limits are rlimits.
 */
class ProcessConfinementTests {

	private static final SandboxLimits LIMITS = new SandboxLimits(64, 512, 32);

	@TempDir
	Path sandboxRoot;

	@Test
	void rlimitsCapDataProcessesAndFilesThenRunTheCommandItself() {
		ProcessConfinement confinement = rlimits();

		List<String> command = confinement.wrap(List.of("/usr/bin/python3", "-u", "bootstrap.py"), Optional.empty(),
				LIMITS);

		assertThat(command.get(0)).endsWith("/prlimit");
		assertThat(command.subList(1, command.size())).containsExactly("--nofile=1024", "--nproc=32", "--data=67108864",
				"--", "/usr/bin/python3", "-u", "bootstrap.py");
	}

	@Test
	void aJvmGetsNoDataLimitItsHeapFlagDoesThatJob() {
		ProcessConfinement confinement = rlimits();

		List<String> command = confinement.wrap(
				List.of("/bin/sh", "-c", "exec \"$0\" \"$@\"", "/opt/jdk/bin/java", "-XX:MaxHeapSize=54m"),
				Optional.empty(), LIMITS);

		assertThat(command).contains("--nproc=32").noneMatch((argument) -> argument.startsWith("--data="));
	}

	@Test
	void withoutLimitsOrUserTheCommandIsUnchanged() {
		List<String> command = List.of("/code/bootstrap");

		assertThat(ProcessConfinement.none().wrap(command, Optional.empty(), LIMITS)).isEqualTo(command);
	}

	private ProcessConfinement rlimits() {
		return ProcessConfinement.of(new ProcessSandboxOptions(LimitMode.RLIMIT, Path.of("/sys/fs/cgroup"), ""),
				this.sandboxRoot);
	}

}
