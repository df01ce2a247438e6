package dev.aloft.controlplane.function;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * Replaces how asynchronous invocations of a qualifier are retried and where their
 * outcomes go. Unset numbers take Lambda's defaults (2 retries, 21600 seconds).
 *
 * @param maximumRetryAttempts retries after a function error, 0–2
 * @param maximumEventAgeSeconds how long an event may wait, 60–21600
 * @param onSuccessDestination a function ARN, a queue ARN or an http(s) webhook URL
 * @param onFailureDestination a function ARN, a queue ARN, an S3 bucket ARN
 * ({@code arn:aws:s3:::<bucket>}; S3 buckets take failure records only, as on Lambda) or
 * an http(s) webhook URL
 */
public record EventInvokeRequest(@Nullable @Min(0) @Max(2) Integer maximumRetryAttempts,
		@Nullable @Min(60) @Max(21600) Integer maximumEventAgeSeconds,
		@Nullable @Size(max = 1024) String onSuccessDestination,
		@Nullable @Size(max = 1024) String onFailureDestination) {

}
