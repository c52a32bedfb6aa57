package dev.parley.functions.adapter.cloudwatch;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.parley.functions.domain.Metrics;
import dev.parley.functions.log.JsonLogger;

import java.io.IOException;
import java.io.StringWriter;
import java.util.function.LongSupplier;

/**
 * {@link Metrics} as CloudWatch Embedded Metric Format lines on standard output: one line per
 * recorded value, written at once, so a handler that throws afterwards loses nothing and no handler
 * has to remember a flush. Namespace {@code Parley}, no dimensions: the alarms and dashboard read
 * the metrics without dimensions.
 *
 * <p>Written with jackson-core's generator, not aws-embedded-metrics-java: the library serializes
 * each record with Jackson bean serialization, and building those serializers was the largest
 * single cost of a cold start's first invocation that the floor does not pay (about 170 ms of CPU,
 * measured in docs/cost.md). {@code EmfMetricsTest} holds every line to the library's line for the
 * same value, field for field, so the format stays AWS's.
 */
public final class EmfMetrics implements Metrics {
    private static final JsonLogger LOG = JsonLogger.of(EmfMetrics.class);
    private static final JsonFactory JSON = new JsonFactory();
    private final LongSupplier clock;
    private volatile boolean discarding;

    public EmfMetrics() {
        this(System::currentTimeMillis);
    }

    EmfMetrics(LongSupplier clock) {
        this.clock = clock;
    }

    /**
     * Runs {@code work} (SnapStart priming through the handlers) with every value it records
     * formatted as usual but written nowhere: CloudWatch never counts a synthetic event's metrics
     * (priming a sync would count a sync page at every publish).
     */
    public void discardWhile(Runnable work) {
        discarding = true;
        try {
            work.run();
        } finally {
            discarding = false;
        }
    }

    @Override
    public void record(Metric metric, double value) {
        String line;
        try {
            line = line(metric, value, clock.getAsLong());
        } catch (RuntimeException e) {
            // A lost metric must not fail the request it describes.
            LOG.error("metric not written", JsonLogger.fields("metric", metric.metricName()), e);
            return;
        }
        if (!discarding) {
            System.out.println(line);
        }
    }

    /** The EMF line of one value: the {@code _aws} metadata naming it, and the value under its name. */
    static String line(Metric metric, double value, long timestamp) {
        StringWriter line = new StringWriter(192);
        try (JsonGenerator json = JSON.createGenerator(line)) {
            json.writeStartObject();
            json.writeObjectFieldStart("_aws");
            json.writeNumberField("Timestamp", timestamp);
            json.writeArrayFieldStart("CloudWatchMetrics");
            json.writeStartObject();
            json.writeStringField("Namespace", NAMESPACE);
            json.writeArrayFieldStart("Metrics");
            json.writeStartObject();
            json.writeStringField("Name", metric.metricName());
            json.writeStringField("Unit", metric.kind() == Kind.MILLISECONDS ? "Milliseconds" : "Count");
            json.writeEndObject();
            json.writeEndArray();
            json.writeArrayFieldStart("Dimensions");
            json.writeEndArray();
            json.writeEndObject();
            json.writeEndArray();
            json.writeEndObject();
            json.writeNumberField(metric.metricName(), value);
            json.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("writing to a StringWriter cannot fail", e);
        }
        return line.toString();
    }
}
