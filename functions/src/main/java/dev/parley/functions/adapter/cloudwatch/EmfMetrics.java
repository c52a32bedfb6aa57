package dev.parley.functions.adapter.cloudwatch;

import dev.parley.functions.domain.Metrics;
import dev.parley.functions.log.JsonLogger;
import software.amazon.cloudwatchlogs.emf.environment.Environment;
import software.amazon.cloudwatchlogs.emf.environment.LambdaEnvironment;
import software.amazon.cloudwatchlogs.emf.logger.MetricsLogger;
import software.amazon.cloudwatchlogs.emf.model.Unit;

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

    @Override
    public void record(Metric metric, double value) {
        try {
            new MetricsLogger(environment)
                    .setNamespace(NAMESPACE)
                    .setDimensions()
                    .putMetric(metric.metricName(), value, metric.kind() == Kind.MILLISECONDS ? Unit.MILLISECONDS : Unit.COUNT)
                    .flush();
        } catch (RuntimeException e) {
            // A lost metric must not fail the request it describes.
            LOG.error("metric not written", JsonLogger.fields("metric", metric.metricName()), e);
        }
    }
}
