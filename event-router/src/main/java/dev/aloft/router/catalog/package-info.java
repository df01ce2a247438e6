/**
 * Functions as last seen on the control plane's configuration feed: whether a function
 * exists, which version a qualifier runs, its asynchronous-invocation settings and its
 * reserved concurrency. Nothing here calls the control plane on the hot path.
 */
@NullMarked
package dev.aloft.router.catalog;

import org.jspecify.annotations.NullMarked;
