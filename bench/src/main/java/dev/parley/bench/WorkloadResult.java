package dev.parley.bench;

/**
 * One workload's measured sends and what they used, sent alone (nobody answers, reads or types),
 * and the same kind of conversation as the shipped clients hold it ({@link ConversationResult}).
 *
 * @param cost          the meters' difference around the measured sends (setup and latency runs excluded)
 * @param latency       null unless the run injected an AWS delay
 * @param withReceipts  null when not measured: the conversation with its receipts
 * @param withTyping    null when not measured: the conversation with its receipts and typing
 */
record WorkloadResult(String name, String description, int users, int messages, int failedSends, String firstFailure,
                      double elapsedSeconds, long expectedDeliveries, long deliveries, MeterReading cost,
                      Latency latency, ConversationResult withReceipts, ConversationResult withTyping)
        implements PerMessage {

    WorkloadResult(String name, String description, int users, int messages, int failedSends, String firstFailure,
                   double elapsedSeconds, long expectedDeliveries, long deliveries, MeterReading cost, Latency latency) {
        this(name, description, users, messages, failedSends, firstFailure, elapsedSeconds, expectedDeliveries, deliveries,
                cost, latency, null, null);
    }

    WorkloadResult with(ConversationResult receipts, ConversationResult typing) {
        return new WorkloadResult(name, description, users, messages, failedSends, firstFailure, elapsedSeconds,
                expectedDeliveries, deliveries, cost, latency, receipts, typing);
    }

    /** Every send stored and each delivered once to every other member's device. */
    boolean complete() {
        return failedSends == 0 && messages > 0 && deliveries == expectedDeliveries;
    }
}
