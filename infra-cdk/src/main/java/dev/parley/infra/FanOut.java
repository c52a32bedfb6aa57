package dev.parley.infra;

import software.amazon.awscdk.Duration;
import software.constructs.Construct;

import java.util.Map;
import java.util.Objects;

import static dev.parley.infra.FunctionEnvironment.ACTIVITY_QUEUE_URL;
import static dev.parley.infra.FunctionEnvironment.CONNECTIONS_TABLE;
import static dev.parley.infra.FunctionEnvironment.FANOUT_QUEUE_URL;
import static dev.parley.infra.FunctionEnvironment.MANAGEMENT_ENDPOINT;
import static dev.parley.infra.FunctionEnvironment.MEMBERSHIPS_TABLE;
import static dev.parley.infra.FunctionEnvironment.VIEWERS_TABLE;
import static dev.parley.infra.FunctionEnvironment.MESSAGES_TABLE;

/**
 * The fan-out of large conversations (issue 18): sendMessage stores a message and enqueues one job;
 * this worker reads a page of the conversation's viewers, enqueues the next page's job, and posts to
 * them; at most once per 30 s a message also starts an activity round, whose pages (the members,
 * from the memberships index) go to a queue of their own. One function, fed by two
 * {@link WorkQueue}s with their own concurrency, so the viewers of a message never wait behind a round.
 */
public final class FanOut extends Construct {

    /**
     * Jobs of one burst come within a moment: a few per invocation, run at once by the worker, each
     * page's posts in parallel.
     */
    static final int BATCH_SIZE = 5;
    static final Duration BATCHING_WINDOW = Duration.seconds(0);
    /**
     * The worker's posts in flight: 64 for each of four pages of a batch at once, as one page alone
     * gets, and a fifth shares (256 is the most a function may have, and the connection cache's size,
     * {@link ParleyFunction#JAVA_TOOL_OPTIONS}); the rate stays the instance's quota share (docs/deploy.md).
     */
    static final int POSTS_IN_FLIGHT = 256;

    /**
     * @param fanOutQueue   the viewers pages sendMessage and the worker itself enqueue
     * @param activityQueue the activity rounds' pages, which only the worker enqueues
     */
    public record Props(Backend backend, WorkQueue fanOutQueue, WorkQueue activityQueue) {
        public Props {
            Objects.requireNonNull(backend, "backend");
            Objects.requireNonNull(fanOutQueue, "fanOutQueue");
            Objects.requireNonNull(activityQueue, "activityQueue");
        }
    }

    private final ParleyFunction worker;

    public FanOut(Construct scope, String id, Props props) {
        super(scope, id);
        var backend = props.backend();
        var tables = backend.tables();
        worker = backend.workerFunction(this, "FanOutWorkerFunction", "FanOutWorkerHandler", Map.of(
                MESSAGES_TABLE, tables.messages().getTableName(),
                MEMBERSHIPS_TABLE, tables.memberships().getTableName(),
                VIEWERS_TABLE, tables.viewers().getTableName(),
                CONNECTIONS_TABLE, backend.connections().getTableName(),
                MANAGEMENT_ENDPOINT, backend.managementEndpoint(),
                FunctionEnvironment.POSTS_IN_FLIGHT, Integer.toString(POSTS_IN_FLIGHT),
                FANOUT_QUEUE_URL, props.fanOutQueue().queue().getQueueUrl(),
                ACTIVITY_QUEUE_URL, props.activityQueue().queue().getQueueUrl()));
        props.fanOutQueue().feed(worker.alias(), BATCH_SIZE, BATCHING_WINDOW);
        props.activityQueue().feed(worker.alias(), BATCH_SIZE, BATCHING_WINDOW);

        // A viewers page: a Query of the conversation's viewers, one of its recent removals, the
        // activity round's conditional UpdateItem, the removed users' rows (consistent BatchGet).
        // An activity page: a Query of the memberships index, the members' connections (BatchGet; a
        // 410 forgets one with an UpdateItem), their rows' read cursors (BatchGet). Either: the next page's job, the posts.
        tables.viewers().grant(worker.alias(), "dynamodb:Query", "dynamodb:UpdateItem");
        tables.memberships().grant(worker.alias(), "dynamodb:Query", "dynamodb:BatchGetItem");
        backend.connections().grant(worker.alias(), Connections.FAN_OUT_ACTIONS);
        props.fanOutQueue().queue().grantSendMessages(worker.alias());
        props.activityQueue().queue().grantSendMessages(worker.alias());
        backend.gateway().api().grantManageConnections(worker.alias());
    }

    public ParleyFunction worker() {
        return worker;
    }
}
