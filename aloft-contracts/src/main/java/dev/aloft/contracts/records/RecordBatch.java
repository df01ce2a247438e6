package dev.aloft.contracts.records;

import java.util.List;

/**
 * A batch of records and log lines, sent to {@link RecordsApi#BATCH_PATH}.
 *
 * @param invocations invocation records
 * @param logs log lines
 */
public record RecordBatch(List<InvocationRecord> invocations, List<FunctionLogLine> logs) {

}
