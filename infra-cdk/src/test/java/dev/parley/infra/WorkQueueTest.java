package dev.parley.infra;

import static dev.parley.infra.SynthesizedParley.asMap;
import static dev.parley.infra.SynthesizedParley.parley;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The work queues (presence, push, fan-out, activity rounds, media): retries, dead letters, alarms and the mappings that feed the workers. */
class WorkQueueTest {

    private static final Map<String, String> WORKER_BY_QUEUE = Map.of(
            "PresenceQueue", "PresenceWorkerHandler",
            "PushQueue", "PushWorkerHandler",
            "FanOutQueue", "FanOutWorkerHandler",
            "ActivityQueue", "FanOutWorkerHandler",
            "MediaQueue", "MediaProcessorHandler");

    private final SynthesizedParley parley = parley();

    @Test
    void a_message_that_failed_five_times_moves_to_its_own_dead_letter_queue_kept_14_days() {
        for (String name : WORKER_BY_QUEUE.keySet()) {
            Map<String, Object> redrive = asMap(parley.properties(queue(name)).get("RedrivePolicy"));
            assertThat(redrive).as(name).containsEntry("maxReceiveCount", 5);
            String deadLetters = parley.referencedResourceOfType(redrive.get("deadLetterTargetArn"), "AWS::SQS::Queue");
            assertThat(deadLetters).as(name).startsWith(name + "DeadLetters");
            assertThat(parley.properties(deadLetters)).containsEntry("MessageRetentionPeriod", 14 * 24 * 3600);
        }
        assertThat(parley.idsOfType("AWS::SQS::Queue")).hasSize(10);
    }

    @Test
    void every_queue_is_encrypted_at_rest() {
        for (String queue : parley.idsOfType("AWS::SQS::Queue")) {
            assertThat(parley.properties(queue)).as(queue).containsEntry("SqsManagedSseEnabled", true);
        }
    }

    @Test
    void a_batch_stays_invisible_for_six_times_its_workers_timeout() {
        WORKER_BY_QUEUE.forEach((name, handler) -> {
            int timeout = (Integer) parley.properties(parley.functionWithHandler(handler)).get("Timeout");
            assertThat(parley.properties(queue(name))).as(name).containsEntry("VisibilityTimeout", 6 * timeout);
        });
    }

    @Test
    void each_queue_feeds_its_worker_through_the_live_alias_reporting_partial_batch_failures() {
        Map<String, Integer> windows = Map.of("PresenceQueue", 0, "PushQueue", 1, "FanOutQueue", 0, "ActivityQueue", 0,
                "MediaQueue", 0);
        // Images are CPU-heavy: one upload per invocation, and a failure retries only that upload.
        Map<String, Integer> batchSizes = Map.of("PresenceQueue", 10, "PushQueue", 10, "FanOutQueue", 5, "ActivityQueue", 5,
                "MediaQueue", 1);
        List<String> mappings = parley.idsOfType("AWS::Lambda::EventSourceMapping");
        assertThat(mappings).hasSize(5);
        for (String mapping : mappings) {
            Map<String, Object> properties = parley.properties(mapping);
            String queue = parley.referencedResourceOfType(properties.get("EventSourceArn"), "AWS::SQS::Queue");
            String name = WORKER_BY_QUEUE.keySet().stream().filter(n -> queue.startsWith(n) && !queue.contains("DeadLetters"))
                    .findFirst().orElseThrow();
            assertThat(parley.handlerInvokedThrough(properties.get("FunctionName"))).isEqualTo(WORKER_BY_QUEUE.get(name));
            assertThat(SynthesizedParley.joinedText(properties.get("FunctionName"))).endsWith(":live");
            assertThat(properties).as(name)
                    .containsEntry("BatchSize", batchSizes.get(name))
                    .containsEntry("MaximumBatchingWindowInSeconds", windows.get(name))
                    .containsEntry("FunctionResponseTypes", List.of("ReportBatchItemFailures"));
        }
    }

    @Test
    void the_fan_out_worker_may_post_16_per_page_of_its_batch_at_once_and_no_other_function_is_told() {
        assertThat(parley.environmentOf("FanOutWorkerHandler")).containsEntry("CONNECTIONS_POSTS_IN_FLIGHT", "256");
        for (String handler : List.of("SendMessageHandler", "ConversationsHandler", "PushWorkerHandler")) {
            assertThat(parley.environmentOf(handler)).as(handler).doesNotContainKey("CONNECTIONS_POSTS_IN_FLIGHT");
        }
    }

    @Test
    void an_alarm_goes_off_as_soon_as_one_message_waits_in_a_dead_letter_queue() {
        List<String> alarms = parley.idsOfType("AWS::CloudWatch::Alarm").stream()
                .filter(alarm -> "ApproximateNumberOfMessagesVisible".equals(parley.properties(alarm).get("MetricName")))
                .toList();
        assertThat(alarms).hasSize(5);
        List<String> watched = alarms.stream().map(alarm -> {
            Map<String, Object> properties = parley.properties(alarm);
            assertThat(properties).containsEntry("Namespace", "AWS/SQS")
                    .containsEntry("MetricName", "ApproximateNumberOfMessagesVisible")
                    .containsEntry("ComparisonOperator", "GreaterThanThreshold")
                    .containsEntry("Threshold", 0)
                    .containsEntry("EvaluationPeriods", 1)
                    .containsEntry("TreatMissingData", "notBreaching");
            return parley.referencedResourceOfType(properties.get("Dimensions"), "AWS::SQS::Queue");
        }).toList();
        assertThat(watched).allMatch(queue -> queue.contains("DeadLetters")).doesNotHaveDuplicates();
    }

    @Test
    void connect_and_disconnect_may_only_send_to_the_presence_queue_and_a_send_only_to_the_push_queue() {
        String presence = queue("PresenceQueue");
        String push = queue("PushQueue");
        for (String handler : List.of("ConnectHandler", "DisconnectHandler")) {
            assertThat(parley.actionsAllowedOn(parley.functionWithHandler(handler), presence)).as(handler).contains("sqs:SendMessage");
            assertThat(parley.actionsAllowedOn(parley.functionWithHandler(handler), push)).as(handler).isEmpty();
            assertThat(parley.environmentOf(handler)).containsEntry("PRESENCE_QUEUE_URL", Map.of("Ref", presence));
        }
        String send = parley.functionWithHandler("SendMessageHandler");
        assertThat(parley.actionsAllowedOn(send, push)).contains("sqs:SendMessage").doesNotContain("sqs:ReceiveMessage");
        assertThat(parley.actionsAllowedOn(send, presence)).isEmpty();
        assertThat(parley.environmentOf("SendMessageHandler")).containsEntry("PUSH_QUEUE_URL", Map.of("Ref", push));
    }

    @Test
    void only_a_queues_worker_may_receive_and_delete_its_messages() {
        WORKER_BY_QUEUE.forEach((name, worker) -> {
            for (String function : parley.idsOfType("AWS::Lambda::Function")) {
                List<String> actions = parley.actionsAllowedOn(function, queue(name));
                if (function.equals(parley.functionWithHandler(worker))) {
                    assertThat(actions).contains("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility");
                } else {
                    assertThat(actions).as(function).doesNotContain("sqs:ReceiveMessage", "sqs:DeleteMessage");
                }
            }
        });
    }

    /** The main queue (not the dead-letter one) of a WorkQueue construct. */
    private String queue(String name) {
        List<String> ids = parley.idsOfType("AWS::SQS::Queue").stream()
                .filter(id -> id.startsWith(name) && !id.startsWith(name + "DeadLetters"))
                .toList();
        assertThat(ids).as("queue %s", name).hasSize(1);
        return ids.get(0);
    }
}
