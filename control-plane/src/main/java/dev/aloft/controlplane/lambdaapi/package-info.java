/**
 * The AWS Lambda management API at Lambda's own paths ({@code /2015-03-31/functions},
 * aliases, versions, concurrency, event invoke configs, event-source mappings and
 * function URLs), so the AWS SDKs, the CLI and Terraform manage functions unchanged.
 * Calls carry AWS Signature V4, or come forwarded by the gateway that verified it; each
 * is authorized with the access key's role in the namespace the function's ARN names.
 */
@NullMarked
package dev.aloft.controlplane.lambdaapi;

import org.jspecify.annotations.NullMarked;
