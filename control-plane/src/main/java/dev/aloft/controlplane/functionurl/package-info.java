/**
 * Function URLs: a dedicated HTTPS-style endpoint per function ({@code $LATEST}) or
 * alias, which the gateway serves at {@code <base URL>urls/<url id>/} with the
 * payload-2.0 event, without routes.
 * {@link dev.aloft.controlplane.functionurl.FunctionUrlService} is the feature's API,
 * also for the Lambda-compatible management API.
 */
@NullMarked
package dev.aloft.controlplane.functionurl;

import org.jspecify.annotations.NullMarked;
