package dev.parley.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.AlarmStatusWidget;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IAlarm;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

/**
 * What wakes an operator and what they look at: one SNS topic every alarm notifies (mailed to
 * context {@code alarms.email}), the alarms docs/deploy.md lists, and a dashboard of Parley's own
 * metrics (CloudWatch EMF, namespace {@value #NAMESPACE}, no dimensions) beside the alarms.
 *
 * <p>Every alarm treats missing data as fine: an idle deployment publishes no metrics at all.
 */
public final class Monitoring extends Construct {

    /** Where the functions publish Parley's metrics (embedded metric format). */
    public static final String NAMESPACE = "Parley";

    static final Duration PERIOD = Duration.minutes(5);
    /** A queued job older than this means its worker is failing, throttled or far behind. */
    static final Duration OLDEST_MESSAGE_AGE = Duration.minutes(10);
    /** Integration errors are answers a client never got; a few a period can be a deploy, more are not. */
    static final int INTEGRATION_ERRORS = 5;

    /**
     * @param alarmEmails who the topic mails (each confirms the subscription once)
     * @param functions Parley's functions (the Java ones; the deploy-time providers report to CloudFormation)
     * @param gateway the WebSocket API and stage
     * @param tables every DynamoDB table
     * @param queues every work queue (the dead-letter alarm of each notifies the topic too)
     */
    public record Props(List<String> alarmEmails, List<ParleyFunction> functions, WebSocketGateway gateway,
                        List<Table> tables, List<WorkQueue> queues) {
        public Props {
            alarmEmails = List.copyOf(alarmEmails);
            functions = List.copyOf(functions);
            Objects.requireNonNull(gateway, "gateway");
            tables = List.copyOf(tables);
            queues = List.copyOf(queues);
        }
    }

    private final Topic topic;
    private final SnsAction action;
    private final List<Alarm> alarms = new ArrayList<>();

    public Monitoring(Construct scope, String id, Props props) {
        super(scope, id);
        topic = Topic.Builder.create(this, "AlarmTopic")
                .displayName("Parley alarms")
                .enforceSsl(true)
                .build();
        props.alarmEmails().forEach(address -> topic.addSubscription(new EmailSubscription(address)));
        RulePacks.suppress(topic, "Serverless-SNSRedrivePolicy", "Email subscriptions: SNS retries delivery"
                + " itself, and an alarm mail that still fails would wait in a queue nobody reads; the alarm's state"
                + " stays on the dashboard");
        action = new SnsAction(topic);

        for (ParleyFunction function : props.functions()) {
            String name = function.getNode().getId();
            var lambda = function.function();
            alarm(name + "Errors", name + " threw (an unhandled error, not an error frame): read its log group",
                    lambda.metricErrors(sum()), 1);
            alarm(name + "Throttles", name + " was throttled: the account or region is out of Lambda concurrency",
                    lambda.metricThrottles(sum()), 1);
        }

        Map<String, String> stage = Map.of("ApiId", props.gateway().api().getApiId(), "Stage", props.gateway().stageName());
        alarm("ApiIntegrationErrors", "API Gateway got no usable answer from a route's function " + INTEGRATION_ERRORS
                        + " or more times in " + PERIOD.toMinutes() + " min: read the stage's access log (integrationError)",
                metric("AWS/ApiGateway", "IntegrationError", stage), INTEGRATION_ERRORS);
        alarm("ConnectionsThrottled", "@connections answered 429: fan-out is over API Gateway's posting rate;"
                        + " receivers catch up through sync", parleyMetric("ConnectionsThrottled", "Sum"), 1);

        for (Table table : props.tables()) {
            String name = pathBelowStack(table);
            alarm(name + "Throttled", "DynamoDB throttled requests to " + name
                            + " (on demand: a sudden multiple of its previous peak, or a hot key)",
                    MathExpression.Builder.create()
                            .expression("reads + writes")
                            .label("Throttle events")
                            .usingMetrics(Map.of(
                                    "reads", table.metric("ReadThrottleEvents", sum()),
                                    "writes", table.metric("WriteThrottleEvents", sum())))
                            .period(PERIOD)
                            .build(), 1);
        }

        for (WorkQueue queue : props.queues()) {
            String name = pathBelowStack(queue);
            alarm(name + "OldestMessage", "A job has waited over " + OLDEST_MESSAGE_AGE.toMinutes() + " min in " + name
                            + ": its worker is failing, throttled or at its maximum concurrency",
                    queue.queue().metricApproximateAgeOfOldestMessage(MetricOptions.builder()
                            .period(PERIOD).statistic("Maximum").build()),
                    OLDEST_MESSAGE_AGE.toSeconds().doubleValue());
            queue.alarm().addAlarmAction(action);
            alarms.add(queue.alarm());
        }

        dashboard();
    }

    private void dashboard() {
        Dashboard dashboard = Dashboard.Builder.create(this, "Dashboard")
                .defaultInterval(Duration.hours(3))
                .build();
        Duration minute = Duration.minutes(1);
        dashboard.addWidgets(
                graph("Sends per minute", List.of(parleyMetric("MessagesStored", "Sum", minute))),
                graph("Send latency (ms)", List.of(
                        parleyMetric("SendLatency", "p50", minute), parleyMetric("SendLatency", "p99", minute))),
                graph("Fan-out posts and gone connections (410) per minute", List.of(
                        parleyMetric("Deliveries", "Sum", minute), parleyMetric("GoneConnections", "Sum", minute))));
        dashboard.addWidgets(
                graph("Push jobs per minute", List.of(parleyMetric("PushJobs", "Sum", minute))),
                graph("Media processed per minute", List.of(parleyMetric("MediaProcessed", "Sum", minute))),
                graph("@connections 429s and sync pages per minute", List.of(
                        parleyMetric("ConnectionsThrottled", "Sum", minute), parleyMetric("SyncPages", "Sum", minute))));
        dashboard.addWidgets(AlarmStatusWidget.Builder.create()
                .title("Alarms")
                .alarms(List.<IAlarm>copyOf(alarms))
                .width(24)
                .height(Math.max(2, (alarms.size() + 3) / 4 + 1))
                .build());
    }

    private void alarm(String id, String description, IMetric metric, double threshold) {
        Alarm alarm = Alarm.Builder.create(this, id)
                .alarmDescription(description)
                .metric(metric)
                .threshold(threshold)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .evaluationPeriods(1)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        alarm.addAlarmAction(action);
        alarms.add(alarm);
    }

    /** {@code Messaging/Messages} as {@code MessagingMessages}: a readable, unique id part. */
    private static String pathBelowStack(Construct construct) {
        return String.join("", construct.getNode().getScopes().stream()
                .skip(2).map(scope -> scope.getNode().getId()).toList());
    }

    private static GraphWidget graph(String title, List<IMetric> metrics) {
        return GraphWidget.Builder.create().title(title).left(metrics).width(8).build();
    }

    private static MetricOptions sum() {
        return MetricOptions.builder().period(PERIOD).statistic("Sum").build();
    }

    private static Metric metric(String namespace, String name, Map<String, String> dimensions) {
        return Metric.Builder.create().namespace(namespace).metricName(name).dimensionsMap(dimensions)
                .statistic("Sum").period(PERIOD).build();
    }

    private static Metric parleyMetric(String name, String statistic) {
        return parleyMetric(name, statistic, PERIOD);
    }

    private static Metric parleyMetric(String name, String statistic, Duration period) {
        return Metric.Builder.create().namespace(NAMESPACE).metricName(name).statistic(statistic).period(period).build();
    }

    /** Every alarm notifies this topic. */
    public Topic topic() {
        return topic;
    }
}
