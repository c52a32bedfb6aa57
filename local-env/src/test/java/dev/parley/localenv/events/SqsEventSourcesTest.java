package dev.parley.localenv.events;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.localenv.events.testfunctions.Deliveries;
import dev.parley.localenv.events.testfunctions.Deliveries.Delivery;
import dev.parley.localenv.gateway.LambdaMeter;
import dev.parley.localenv.moto.LocalMoto;
import dev.parley.localenv.provision.ProvisionedCloud;
import dev.parley.localenv.provision.ProvisioningClients;
import dev.parley.localenv.provision.ProvisionedTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** The SQS event source mapping emulator against moto, with the queues of a CDK-shaped test template. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SqsEventSourcesTest {
    private static final String WORK_QUEUE = "WorkQueueA1B2C3D4";
    private static final String DLQ = "WorkDlqE5F6A7B8";
    private static final String RAW_QUEUE = "RawQueue0C1D2E3F";
    private static final Duration VISIBILITY_TIMEOUT = Duration.ofSeconds(2);

    @RegisterExtension
    static final LocalMoto MOTO = new LocalMoto();

    private static ProvisionedTemplate fixture;
    private static ProvisioningClients clients;
    private static ProvisionedCloud cloud;
    private static SqsEventSources sources;
    private static final Deliveries<SQSEvent> WORK = Deliveries.named("work");
    private static final Deliveries<JsonNode> RAW = Deliveries.named("raw");

    @BeforeAll
    static void startTheMappings() {
        fixture = ProvisionedTemplate.of("/events/sqs.template.json");
        clients = fixture.clients();
        cloud = fixture.cloud();
        sources = SqsEventSources.start(SqsEventSourceReader.read(fixture.template(), cloud.resolver(), cloud.ids()), f -> f,
                Region.of(LocalMoto.REGION), cloud.accountId(), SqsEventSourcesTest.class.getClassLoader());
    }

    @AfterAll
    static void stop() {
        sources.close();
        fixture.close();
    }

    @Test
    void only_the_templates_sqs_mappings_run_and_the_function_sees_its_queues_in_its_environment() {
        String body = "env-" + UUID.randomUUID();
        send(WORK_QUEUE, body);

        Map<String, String> environment = WORK.await(containing(body), 1, Duration.ofSeconds(10)).getFirst().environment();

        assertThat(sources.size()).as("the DynamoDB stream mapping is not emulated").isEqualTo(2);
        assertThat(environment.get("QUEUE_URL")).isEqualTo(url(WORK_QUEUE)).endsWith("/parley-" + WORK_QUEUE);
        assertThat(environment.get("QUEUE_NAME")).isEqualTo("parley-" + WORK_QUEUE);
        assertThat(environment.get("DLQ_ARN")).isEqualTo(arn(DLQ));
    }

    @Test
    void a_message_handed_to_the_worker_counts_its_invocation_and_the_event_sources_receive_and_delete() throws Exception {
        long requestsBefore = LambdaMeter.eventSourceRequests();
        long invocationsBefore = LambdaMeter.invocations().getOrDefault("WorkerFunction11223344", 0L);
        String body = "meter-" + UUID.randomUUID();
        send(WORK_QUEUE, body);

        WORK.await(containing(body), 1, Duration.ofSeconds(10));
        Instant deadline = Instant.now().plusSeconds(10);
        while (LambdaMeter.eventSourceRequests() < requestsBefore + 2 && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }

        assertThat(LambdaMeter.invocations().getOrDefault("WorkerFunction11223344", 0L))
                .as("counted by the invoker, under the function's logical id").isGreaterThan(invocationsBefore);
        assertThat(LambdaMeter.eventSourceRequests()).as("a receive that found the message and its delete")
                .isGreaterThanOrEqualTo(requestsBefore + 2);
    }

    @Test
    void the_delivery_log_has_each_handed_message_sent_received_invoked_and_done_in_that_order() throws Exception {
        long before = System.currentTimeMillis() - 1_000;
        String body = "timed-" + UUID.randomUUID();
        send(WORK_QUEUE, body);

        WORK.await(containing(body), 1, Duration.ofSeconds(10));
        Instant deadline = Instant.now().plusSeconds(10);
        List<SqsDeliveryLog.Delivery> logged = List.of();
        while (logged.isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
            logged = SqsDeliveryLog.sentSince(before).stream().filter(d -> d.body().equals(body)).toList();
        }

        assertThat(logged).singleElement().satisfies(delivery -> {
            assertThat(delivery.batchSize()).isEqualTo(1);
            assertThat(delivery.sentMillis()).isGreaterThanOrEqualTo(before);
            assertThat(delivery.receivedMillis()).isGreaterThanOrEqualTo(delivery.sentMillis());
            assertThat(delivery.invokedMillis()).isGreaterThanOrEqualTo(delivery.receivedMillis());
            assertThat(delivery.doneMillis()).isGreaterThanOrEqualTo(delivery.invokedMillis());
        });
    }

    @Test
    void a_batch_reaches_the_handler_as_the_sqs_event_lambda_builds() throws Exception {
        String tag = UUID.randomUUID().toString();
        var sent = clients.sqs().sendMessageBatch(r -> r.queueUrl(url(WORK_QUEUE)).entries(
                SendMessageBatchRequestEntry.builder().id("a").messageBody("one " + tag)
                        .messageAttributes(Map.of("kind", MessageAttributeValue.builder().dataType("String").stringValue("test").build())).build(),
                SendMessageBatchRequestEntry.builder().id("b").messageBody("two " + tag).build(),
                SendMessageBatchRequestEntry.builder().id("c").messageBody("three " + tag).build()));
        long sentAt = System.currentTimeMillis();

        SQSEvent event = WORK.await(containing(tag), 1, Duration.ofSeconds(10)).getFirst().event();

        assertThat(event.getRecords()).extracting(SQSEvent.SQSMessage::getBody).containsExactly("one " + tag, "two " + tag, "three " + tag);
        assertThat(event.getRecords()).extracting(SQSEvent.SQSMessage::getMessageId)
                .containsExactlyElementsOf(sent.successful().stream().map(s -> s.messageId()).toList());
        SQSEvent.SQSMessage first = event.getRecords().getFirst();
        assertThat(first.getEventSource()).isEqualTo("aws:sqs");
        assertThat(first.getEventSourceArn()).isEqualTo(arn(WORK_QUEUE));
        assertThat(first.getAwsRegion()).isEqualTo(LocalMoto.REGION);
        assertThat(first.getReceiptHandle()).isNotBlank();
        assertThat(first.getMd5OfBody()).isEqualTo(md5("one " + tag));
        assertThat(first.getAttributes()).containsOnlyKeys("ApproximateReceiveCount", "SentTimestamp", "SenderId",
                "ApproximateFirstReceiveTimestamp").containsEntry("ApproximateReceiveCount", "1");
        assertThat(Long.parseLong(first.getAttributes().get("SentTimestamp"))).isCloseTo(sentAt, org.assertj.core.data.Offset.offset(5_000L));
        assertThat(first.getMessageAttributes().get("kind").getStringValue()).isEqualTo("test");
        assertThat(first.getMessageAttributes().get("kind").getDataType()).isEqualTo("String");
        assertThat(first.getMd5OfMessageAttributes()).isNotBlank();
        Thread.sleep(VISIBILITY_TIMEOUT.plusSeconds(1).toMillis());
        assertThat(WORK.all(containing(tag))).as("deleted after the successful invocation, so never delivered again").hasSize(1);
    }

    @Test
    void a_partial_batch_failure_deletes_the_successes_and_only_the_failed_message_returns_after_the_visibility_timeout() {
        String tag = UUID.randomUUID().toString();
        sendBatch(WORK_QUEUE, "ok " + tag, "fail " + tag, "fine " + tag);

        List<Delivery<SQSEvent>> deliveries = WORK.await(containing(tag), 2, Duration.ofSeconds(15));

        assertThat(bodies(deliveries.get(0).event())).containsExactly("ok " + tag, "fail " + tag, "fine " + tag);
        assertThat(bodies(deliveries.get(1).event())).containsExactly("fail " + tag);
        assertThat(deliveries.get(1).event().getRecords().getFirst().getAttributes()).containsEntry("ApproximateReceiveCount", "2");
        assertThat(Duration.between(deliveries.get(0).at(), deliveries.get(1).at())).isGreaterThan(VISIBILITY_TIMEOUT.minusMillis(200));
    }

    @Test
    void a_message_that_keeps_failing_lands_in_the_dead_letter_queue_after_maxReceiveCount_deliveries() throws Exception {
        String body = "fail always " + UUID.randomUUID();
        send(WORK_QUEUE, body);

        String inDeadLetterQueue = awaitInQueue(DLQ, body, Duration.ofSeconds(20));

        assertThat(inDeadLetterQueue).isEqualTo(body);
        assertThat(WORK.all(containing(body))).as("delivered maxReceiveCount (2) times").hasSize(2);
    }

    @Test
    void a_function_error_deletes_nothing_so_the_whole_batch_comes_back() {
        String tag = UUID.randomUUID().toString();
        sendBatch(WORK_QUEUE, "throw " + tag, "innocent " + tag);

        List<String> failedBatch = bodies(WORK.await(containing("throw " + tag), 1, Duration.ofSeconds(15)).getFirst().event());

        // Each message of the failed batch comes back on its own visibility timeout, as on SQS: not necessarily in
        // one batch again, since a receive may run between two of them becoming visible.
        assertThat(failedBatch).contains("throw " + tag);
        for (String body : failedBatch) {
            assertThat(WORK.await(containing(body), 2, Duration.ofSeconds(15))).as("%s delivered again", body).hasSizeGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void a_response_naming_a_message_outside_the_batch_fails_the_whole_batch() {
        String tag = UUID.randomUUID().toString();
        sendBatch(WORK_QUEUE, "unknown-id", "bystander " + tag);

        List<Delivery<SQSEvent>> deliveries = WORK.await(containing("bystander " + tag), 2, Duration.ofSeconds(15));

        assertThat(bodies(deliveries.get(1).event())).contains("bystander " + tag);
    }

    @Test
    void a_message_sent_with_DelaySeconds_is_not_delivered_before_its_delay() {
        String body = "delayed " + UUID.randomUUID();
        Instant sent = Instant.now();
        clients.sqs().sendMessage(r -> r.queueUrl(url(WORK_QUEUE)).messageBody(body).delaySeconds(3));

        // Delivered at all within the wait; how soon after the delay depends on how busy the machine is.
        Instant delivered = WORK.await(containing(body), 1, Duration.ofSeconds(10)).getFirst().at();

        assertThat(Duration.between(sent, delivered)).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void messages_arriving_within_the_batching_window_reach_the_function_as_one_batch_with_lambdas_exact_fields() throws Exception {
        String tag = UUID.randomUUID().toString();
        send(RAW_QUEUE, "first " + tag);
        Thread.sleep(300);
        clients.sqs().sendMessage(r -> r.queueUrl(url(RAW_QUEUE)).messageBody("second " + tag)
                .messageAttributes(Map.of("n", MessageAttributeValue.builder().dataType("Number").stringValue("7").build())));

        JsonNode event = RAW.await(e -> e.toString().contains(tag), 1, Duration.ofSeconds(10)).getFirst().event();

        assertThat(event.properties()).extracting(Map.Entry::getKey).containsExactly("Records");
        assertThat(event.get("Records")).hasSize(2);
        assertThat(event.get("Records").get(0).properties()).extracting(Map.Entry::getKey).containsExactly("messageId", "receiptHandle",
                "body", "attributes", "messageAttributes", "md5OfBody", "eventSource", "eventSourceARN", "awsRegion");
        JsonNode second = event.get("Records").get(1);
        assertThat(second.properties()).extracting(Map.Entry::getKey).containsExactly("messageId", "receiptHandle", "body",
                "attributes", "messageAttributes", "md5OfMessageAttributes", "md5OfBody", "eventSource", "eventSourceARN", "awsRegion");
        assertThat(second.at("/messageAttributes/n").toString())
                .isEqualTo("{\"stringValue\":\"7\",\"stringListValues\":[],\"binaryListValues\":[],\"dataType\":\"Number\"}");
        assertThat(second.at("/attributes").properties()).extracting(Map.Entry::getKey)
                .containsExactly("ApproximateReceiveCount", "SentTimestamp", "SenderId", "ApproximateFirstReceiveTimestamp");
        awaitEmpty(RAW_QUEUE);
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void after_close_nothing_is_received_any_more() throws Exception {
        sources.close();
        String body = "after close " + UUID.randomUUID();
        send(RAW_QUEUE, body);
        Thread.sleep(2_500);

        assertThat(RAW.all(e -> e.toString().contains(body))).isEmpty();
        assertThat(awaitInQueue(RAW_QUEUE, body, Duration.ofSeconds(5))).isEqualTo(body);
    }

    private static Predicate<SQSEvent> containing(String text) {
        return event -> event.getRecords().stream().anyMatch(m -> m.getBody().contains(text));
    }

    private static List<String> bodies(SQSEvent event) {
        return event.getRecords().stream().map(SQSEvent.SQSMessage::getBody).toList();
    }

    private static void send(String queue, String body) {
        clients.sqs().sendMessage(r -> r.queueUrl(url(queue)).messageBody(body));
    }

    private static void sendBatch(String queue, String... bodies) {
        clients.sqs().sendMessageBatch(r -> r.queueUrl(url(queue)).entries(java.util.stream.IntStream.range(0, bodies.length)
                .mapToObj(i -> SendMessageBatchRequestEntry.builder().id("m" + i).messageBody(bodies[i]).build()).toList()));
    }

    /** Receives from a queue nobody polls (or no longer) until the body shows up. */
    private static String awaitInQueue(String queue, String body, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            var found = clients.sqs().receiveMessage(r -> r.queueUrl(url(queue)).maxNumberOfMessages(10).visibilityTimeout(0))
                    .messages().stream().filter(m -> m.body().equals(body)).findFirst();
            if (found.isPresent()) {
                return found.get().body();
            }
            Thread.sleep(200);
        }
        throw new AssertionError(body + " did not reach " + queue + " within " + timeout);
    }

    private static void awaitEmpty(String queue) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        Map<QueueAttributeName, String> counts = Map.of();
        while (System.nanoTime() < deadline) {
            counts = clients.sqs().getQueueAttributes(r -> r.queueUrl(url(queue)).attributeNames(
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                    .attributes();
            if (counts.values().stream().allMatch("0"::equals)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the processed messages were not deleted from " + queue + ": " + counts);
    }

    private static String url(String queue) {
        return cloud.ids().ref(queue).orElseThrow();
    }

    private static String arn(String queue) {
        return cloud.ids().attribute(queue, "Arn").orElseThrow();
    }

    private static String md5(String text) throws Exception {
        byte[] digest = MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
        return String.format("%032x", new BigInteger(1, digest));
    }
}
