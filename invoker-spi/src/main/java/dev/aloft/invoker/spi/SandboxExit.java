package dev.aloft.invoker.spi;

/**
 * How a sandbox's main process ended.
 *
 * @param exitCode the exit status, or 128 + signal number
 * @param outOfMemory whether it was killed for exceeding its memory limit
 */
public record SandboxExit(int exitCode, boolean outOfMemory) {
}
