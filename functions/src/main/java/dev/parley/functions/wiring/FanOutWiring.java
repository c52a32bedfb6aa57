package dev.parley.functions.wiring;

import dev.parley.functions.adapter.dynamodb.DynamoDbConversationRepository;
import dev.parley.functions.adapter.sqs.SqsFanOutQueue;
import dev.parley.functions.config.FanOutQueueConfig;
import dev.parley.functions.config.MembershipsConfig;
import dev.parley.functions.config.MessagesConfig;
import dev.parley.functions.domain.Metrics;
import dev.parley.functions.domain.message.DeliverFanOutPage;
import dev.parley.functions.domain.message.LargeGroupSend;
import dev.parley.functions.domain.message.MemberActivity;
import dev.parley.functions.domain.message.MentionedMembers;
import dev.parley.functions.domain.message.SendToLargeGroup;

import java.util.Map;

/**
 * Large conversations (issue 18): the send path's store-and-enqueue ({@link SendToLargeGroup},
 * built for the messaging function) and the fan-out worker ({@link DeliverFanOutPage}): the
 * viewers table (each conversation's viewers, recent removals and activity rounds), the memberships
 * index and the connections table for activity rounds ({@link ViewingWiring}), the fan-out and activity
 * queues and {@code @connections}.
 */
public final class FanOutWiring {
    private final CompositionRoot root;
    private final Lazy<DynamoDbConversationRepository> members;
    private final Lazy<SqsFanOutQueue> queue;

    public FanOutWiring(Map<String, String> environment) {
        this(new CompositionRoot(environment));
    }

    FanOutWiring(CompositionRoot root) {
        this.root = root;
        this.members = new Lazy<>(() -> {
            MembershipsConfig config = MembershipsConfig.from(root.environment());
            return new DynamoDbConversationRepository(root.aws(config.region()).dynamoDb(),
                    MessagesConfig.from(root.environment()).messagesTable(), config.membershipsTable());
        });
        this.queue = new Lazy<>(() -> {
            FanOutQueueConfig config = FanOutQueueConfig.from(root.environment());
            String viewersUrl = config.queueUrl().orElseThrow();
            return new SqsFanOutQueue(root.aws(config.region()).sqs(), viewersUrl, config.activityUrl().orElse(viewersUrl));
        });
    }

    /** The fan-out worker's use case. */
    public DeliverFanOutPage deliverFanOutPage() {
        ViewingWiring viewing = root.viewing();
        return new DeliverFanOutPage(new DeliverFanOutPage.Ports(members.get(), viewing.removals(), viewing.viewers(),
                viewing.activityRounds(), viewing.watchers(), root.memberCursors()), root.fanOut(), queue.get(),
                DeliverFanOutPage.PAGE, root.clock());
    }

    /** The send path into large conversations; off without FANOUT_QUEUE_URL. */
    LargeGroupSend largeGroupSend(MemberActivity activity) {
        if (FanOutQueueConfig.from(root.environment()).queueUrl().isEmpty()) {
            return LargeGroupSend.off();
        }
        // The queue (and the SQS client) on the first large-group send: sendMessage's cold start into a small
        // conversation never enqueues, and building the client cost it 76 SQS classes (docs/cost.md, Cold start).
        return new MentionedMembers(new SendToLargeGroup(root.messages(), members.get(), job -> queue.get().enqueue(job), activity,
                root.media().attachments(), root.clock()), members.get(), root.messages(), root.push().messagePushes(),
                root.viewing().watchers(), root.clock());
    }

    public Metrics metrics() {
        return root.metrics();
    }

    public void prime() {
        root.prime();
    }

    /** Runs {@code work} with every AWS call answered offline: SnapStart priming through the handler itself. */
    public void offline(Runnable work) {
        root.offline(work);
    }
}
