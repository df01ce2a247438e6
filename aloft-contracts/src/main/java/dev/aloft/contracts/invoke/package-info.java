/**
 * The invoker's internal invoke API, used by the gateway and the event router.
 */
@NullMarked
package dev.aloft.contracts.invoke;

import org.jspecify.annotations.NullMarked;
