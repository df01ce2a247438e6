package dev.aloft.controlplane.invocation;

import org.springframework.stereotype.Component;

/**
 * The tables of this feature, which ingestion writes and retention trims together.
 *
 * @param records invocation records
 * @param logs log lines
 * @param received the keys of batches already stored
 */
@Component
record RecordStores(InvocationRecordStore records, FunctionLogStore logs, ReceivedBatches received) {
}
