package dev.aloft.router.invoke;

/**
 * One invocation to run on an invoker.
 *
 * @param requestId the Lambda request id; the same on every attempt of an event
 * @param payload the event
 * @param invokedFunctionArn the ARN the event was sent to
 * @param trigger what produced the event, for records and metrics
 */
public record InvokeCall(String requestId, byte[] payload, String invokedFunctionArn, String trigger) {
}
