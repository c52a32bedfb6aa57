package dev.parley.functions.adapter.sqs;

import dev.parley.functions.adapter.aws.AwsCallCounter;
import dev.parley.functions.adapter.aws.AwsClients;
import dev.parley.functions.domain.message.FanOutJob;
import dev.parley.functions.domain.viewing.ActivityRounds;
import dev.parley.functions.testing.MotoServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Viewers pages and activity rounds' pages go to their own queues, so neither waits behind the other. */
class SqsFanOutQueueTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    private static final AwsCallCounter counter = new AwsCallCounter();
    private static SqsClient sqs;
    private static String viewersUrl;
    private static String activityUrl;

    @BeforeAll
    static void twoQueues() {
        sqs = new AwsClients("us-east-1", counter).sqs();
        viewersUrl = sqs.createQueue(create -> create.queueName("fanout-" + System.nanoTime())).queueUrl();
        activityUrl = sqs.createQueue(create -> create.queueName("activity-" + System.nanoTime())).queueUrl();
    }

    private static List<FanOutJob> received(String url) {
        List<Message> messages = sqs.receiveMessage(receive -> receive.queueUrl(url).maxNumberOfMessages(10)).messages();
        return messages.stream().map(message -> FanOutJob.fromJson(message.body())).toList();
    }

    @Test
    void a_messages_viewers_pages_and_its_activity_round_go_to_their_own_queues() {
        SqsFanOutQueue queue = new SqsFanOutQueue(sqs, viewersUrl, activityUrl);
        FanOutJob first = new FanOutJob("g_x", 7, null, "c-alice", "{\"type\":\"message\"}");

        queue.enqueue(first);
        queue.enqueue(first.after("u00499"));
        FanOutJob round = first.activityRound(new ActivityRounds.Round(Instant.parse("2026-12-07T07:00:00Z"), 5));
        queue.enqueue(round);
        queue.enqueue(round.after("u00499"));

        assertThat(received(viewersUrl)).containsExactlyInAnyOrder(first, first.after("u00499"));
        assertThat(received(activityUrl)).containsExactlyInAnyOrder(round, round.after("u00499"));
        assertThat(round.after("u00499").previousRound()).isEqualTo(new ActivityRounds.Round(Instant.parse("2026-12-07T07:00:00Z"), 5));
    }

    @Test
    void the_next_pages_of_a_messages_shards_are_sent_together_and_all_arrive() {
        SqsFanOutQueue queue = new SqsFanOutQueue(sqs, viewersUrl, activityUrl);
        FanOutJob first = new FanOutJob("g_y", 9, null, "c-alice", "{\"type\":\"message\"}");
        List<FanOutJob> rests = java.util.stream.IntStream.range(0, 12).mapToObj(shard -> first.inShard(shard, "v#c-" + shard)).toList();
        long requestsBefore = counter.count("Sqs", "SendMessageBatch");

        queue.enqueueAll(rests);

        assertThat(counter.count("Sqs", "SendMessageBatch") - requestsBefore).as("two batches of at most 10").isEqualTo(2);
        List<FanOutJob> received = new java.util.ArrayList<>();
        while (received.size() < rests.size()) {
            received.addAll(received(viewersUrl));
        }
        assertThat(received).containsExactlyInAnyOrderElementsOf(rests);
    }
}
