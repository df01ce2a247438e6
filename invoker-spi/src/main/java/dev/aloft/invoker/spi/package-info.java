/**
 * The sandbox SPI: how the invoker creates and destroys execution environments, whatever
 * runs them (child processes, containers, pods).
 */
@NullMarked
package dev.aloft.invoker.spi;

import org.jspecify.annotations.NullMarked;
