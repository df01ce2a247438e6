/**
 * S3 buckets as on-failure destinations: {@link S3BucketWriter} writes a destination
 * record as one object on an S3-compatible server
 * ({@code aloft.event-router.destinations.s3.*}, AWS when no endpoint is set), for the
 * dispatch feature, which owns the delivery, its retries and dead letters, and the
 * object's key.
 */
@NullMarked
package dev.aloft.router.bucket;

import org.jspecify.annotations.NullMarked;
