/**
 * The AWS face of the gateway: who is calling (AWS Signature V4 verified against the
 * access keys on the gateway's view of the configuration, and what the caller may do),
 * and errors written as the Lambda API writes them.
 */
@NullMarked
package dev.aloft.gateway.awsapi;

import org.jspecify.annotations.NullMarked;
