package dev.parley.functions.adapter.cloudwatch;

import dev.parley.functions.domain.Metrics;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.parley.functions.log.JsonLogger;
import software.amazon.cloudwatchlogs.emf.environment.Environment;
import software.amazon.cloudwatchlogs.emf.environment.LambdaEnvironment;
import software.amazon.cloudwatchlogs.emf.logger.MetricsLogger;
import software.amazon.cloudwatchlogs.emf.model.MetricsContext;
import software.amazon.cloudwatchlogs.emf.model.Unit;
import software.amazon.cloudwatchlogs.emf.sinks.ISink;

import java.util.concurrent.CompletableFuture;

/**
 * {@link Metrics} as CloudWatch Embedded Metric Format lines on standard output, through
 * aws-embedded-metrics-java: one line per recorded value, written at once, so a handler that
 * throws afterwards loses nothing and no handler has to remember a flush. Parley records at most
 * four values per invocation, so batching them would save little.
 *
 * <p>The Lambda environment is given, not discovered: the library's discovery would otherwise probe
 * EC2 instance metadata and a CloudWatch agent over the network wherever
 * {@code AWS_LAMBDA_FUNCTION_NAME} is missing from the process environment (local-env, tests).
 * {@code setDimensions()} with no set drops the library's default dimensions (function name,
 * type, log group): Parley's alarms and dashboard read the metrics without dimensions.
 */
public final class EmfMetrics implements Metrics {
    private static final JsonLogger LOG = JsonLogger.of(EmfMetrics.class);
    private final Environment environment = new LambdaEnvironment();
    private final Environment priming = new Priming(environment);
    private volatile boolean discarding;

    /**
     * Runs {@code work} (SnapStart priming through the handlers) with every value it records
     * serialized by the library as usual but written nowhere: the snapshot holds the library's
     * serialization warm (about 100 ms of CPU at a cold start otherwise), and CloudWatch never
     * counts a synthetic event's metrics (priming a sync would count a sync page at every publish).
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
        try {
            new MetricsLogger(discarding ? priming : environment)
                    .setNamespace(NAMESPACE)
                    .setDimensions()
                    .putMetric(metric.metricName(), value, metric.kind() == Kind.MILLISECONDS ? Unit.MILLISECONDS : Unit.COUNT)
                    .flush();
        } catch (RuntimeException e) {
            // A lost metric must not fail the request it describes.
            LOG.error("metric not written", JsonLogger.fields("metric", metric.metricName()), e);
        }
    }

    /** The Lambda environment with a sink that serializes each record and drops it. */
    private record Priming(Environment lambda) implements Environment {
        private static final ISink DISCARD = new ISink() {
            @Override
            public void accept(MetricsContext context) {
                try {
                    context.serialize();
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("a metric record does not serialize", e);
                }
            }

            @Override
            public CompletableFuture<Void> shutdown() {
                return CompletableFuture.completedFuture(null);
            }
        };

        @Override
        public boolean probe() {
            return lambda.probe();
        }

        @Override
        public String getName() {
            return lambda.getName();
        }

        @Override
        public String getType() {
            return lambda.getType();
        }

        @Override
        public String getLogGroupName() {
            return lambda.getLogGroupName();
        }

        @Override
        public void configureContext(MetricsContext context) {
            lambda.configureContext(context);
        }

        @Override
        public ISink getSink() {
            return DISCARD;
        }
    }
}
