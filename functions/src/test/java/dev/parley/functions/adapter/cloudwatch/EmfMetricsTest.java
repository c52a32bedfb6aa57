package dev.parley.functions.adapter.cloudwatch;

import dev.parley.functions.domain.Metrics.Metric;
import org.junit.jupiter.api.Test;
import software.amazon.cloudwatchlogs.emf.environment.Environment;
import software.amazon.cloudwatchlogs.emf.environment.LambdaEnvironment;
import software.amazon.cloudwatchlogs.emf.logger.MetricsLogger;
import software.amazon.cloudwatchlogs.emf.model.MetricsContext;
import software.amazon.cloudwatchlogs.emf.model.Unit;
import software.amazon.cloudwatchlogs.emf.sinks.ISink;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** EmfMetrics writes, for every metric, exactly the line AWS's aws-embedded-metrics-java writes for it. */
class EmfMetricsTest {

    @Test
    void every_metric_is_the_line_the_aws_library_writes_for_the_same_value_and_time() throws Exception {
        long now = System.currentTimeMillis();
        for (Metric metric : Metric.values()) {
            for (double value : new double[] {1, 0, 12.5, 1234567}) {
                assertThat(EmfMetrics.line(metric, value, now)).as("%s %s", metric, value)
                        .isEqualTo(libraryLine(metric, value, now));
            }
        }
    }

    @Test
    void a_recorded_value_is_one_line_on_standard_output_and_nothing_while_priming() {
        EmfMetrics metrics = new EmfMetrics(() -> 1_796_000_000_000L);
        String out = capture(() -> {
            metrics.record(Metric.SYNC_PAGES, 1);
            metrics.discardWhile(() -> metrics.record(Metric.PUSH_JOBS, 1));
        });

        assertThat(out.lines().toList()).containsExactly(EmfMetrics.line(Metric.SYNC_PAGES, 1, 1_796_000_000_000L));
    }

    private static String libraryLine(Metric metric, double value, long timestamp) throws Exception {
        List<String> lines = new ArrayList<>();
        Environment lambda = new LambdaEnvironment();
        new MetricsLogger(new Capturing(lambda, lines))
                .setNamespace("Parley")
                .setDimensions()
                .setTimestamp(Instant.ofEpochMilli(timestamp))
                .putMetric(metric.metricName(), value, metric.kind() == dev.parley.functions.domain.Metrics.Kind.MILLISECONDS
                        ? Unit.MILLISECONDS : Unit.COUNT)
                .flush();
        assertThat(lines).hasSize(1);
        return lines.get(0);
    }

    private static String capture(Runnable work) {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            work.run();
        } finally {
            System.setOut(original);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** The library's Lambda environment with a sink that keeps the serialized lines. */
    private record Capturing(Environment lambda, List<String> lines) implements Environment {
        @Override
        public boolean probe() {
            return true;
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
            return new ISink() {
                @Override
                public void accept(MetricsContext context) {
                    try {
                        lines.addAll(context.serialize());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }

                @Override
                public CompletableFuture<Void> shutdown() {
                    return CompletableFuture.completedFuture(null);
                }
            };
        }
    }
}
