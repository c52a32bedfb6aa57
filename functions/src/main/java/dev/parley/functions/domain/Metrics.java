package dev.parley.functions.domain;

/**
 * Port: Parley's own operational metrics (namespace {@code Parley}, no dimensions). The names are a
 * contract with the stack's alarms and dashboard. The adapter writes CloudWatch Embedded Metric
 * Format lines to standard output, which Lambda ships to CloudWatch Logs, where they become metrics.
 */
public interface Metrics {

    /** What is measured; each name is exactly the CloudWatch metric name. */
    enum Metric {
        /** Messages newly stored by sendMessage (a retried duplicate is not counted). */
        MESSAGES_STORED("MessagesStored", Kind.COUNT),
        /** Posts to {@code @connections} that API Gateway accepted, every fan-out of every function. */
        DELIVERIES("Deliveries", Kind.COUNT),
        /** Posts answered 410: the socket was gone and its connection was removed. */
        GONE_CONNECTIONS("GoneConnections", Kind.COUNT),
        /** {@code @connections} answers 429 (every attempt, retried ones included). */
        CONNECTIONS_THROTTLED("ConnectionsThrottled", Kind.COUNT),
        /** Push jobs the push worker handled. */
        PUSH_JOBS("PushJobs", Kind.COUNT),
        /** Sync pages answered. */
        SYNC_PAGES("SyncPages", Kind.COUNT),
        /** Uploads the media processor finished (accepted or rejected). */
        MEDIA_PROCESSED("MediaProcessed", Kind.COUNT),
        /** sendMessage from the event's arrival in the function to its reply, in milliseconds. */
        SEND_LATENCY("SendLatency", Kind.MILLISECONDS);

        private final String metricName;
        private final Kind kind;

        Metric(String metricName, Kind kind) {
            this.metricName = metricName;
            this.kind = kind;
        }

        public String metricName() {
            return metricName;
        }

        public Kind kind() {
            return kind;
        }
    }

    enum Kind { COUNT, MILLISECONDS }

    String NAMESPACE = "Parley";

    /** Records one value; never throws (a metric that cannot be written is not worth a failed request). */
    void record(Metric metric, double value);

    /** Records nothing: tests, and wherever no metrics are wanted. */
    Metrics NONE = (metric, value) -> { };
}
