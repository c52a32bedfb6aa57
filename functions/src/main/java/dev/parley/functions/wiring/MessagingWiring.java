package dev.parley.functions.wiring;

import dev.parley.functions.domain.Metrics;

import dev.parley.functions.adapter.dynamodb.DynamoDbMemberActivity;
import dev.parley.functions.config.MemberActivityConfig;
import dev.parley.functions.domain.message.MemberActivity;
import dev.parley.functions.domain.message.SendMessage;
import dev.parley.functions.domain.receipt.CountedReads;
import dev.parley.functions.domain.receipt.GetReadCounts;
import dev.parley.functions.domain.receipt.MarkReceipt;
import dev.parley.functions.domain.typing.SendTyping;
import dev.parley.functions.domain.viewing.ViewConversation;
import dev.parley.functions.log.JsonLogger;
import dev.parley.model.Limits;
import dev.parley.model.v1.Actions;

import java.util.Map;

/** The send path and the member activity around it: sendMessage, typing, viewConversation, markDelivered and markRead. */
public final class MessagingWiring {
    private static final JsonLogger LOG = JsonLogger.of(MessagingWiring.class);

    private final CompositionRoot root;

    public MessagingWiring(Map<String, String> environment) {
        this(new CompositionRoot(environment));
    }

    MessagingWiring(CompositionRoot root) {
        this.root = root;
    }

    /**
     * With MEDIA_TABLE set, messages may carry media (one more read per message that does); with KEYS_TABLE set,
     * E2EE conversations take the Signal forms (one consistent Query per member user per such send).
     */
    public SendMessage sendMessage() {
        MemberActivity activity = memberActivity();
        return new SendMessage(root.messages(), root.fanOut(), root.push().messagePushes(), activity,
                root.media().attachments(), root.keys().memberDevices(), root.clock(), root.largeGroups().largeGroupSend(activity));
    }

    /** typing: rate-limited in the rate limits table, delivered to the other members. */
    public SendTyping sendTyping() {
        return new SendTyping(root.messages(), root.fanOut(), root.perMinuteLimit(Actions.TYPING, Limits.TYPING_PER_MINUTE),
                root.memberRows());
    }

    /** viewConversation: which conversation a socket shows now ({@link ViewingWiring}). */
    public ViewConversation viewConversation() {
        return root.viewing().viewConversation();
    }

    /**
     * markDelivered and markRead: the memberships table, the messages table (headers), and delivery;
     * a large conversation's read moves are counted too ({@link CountedReads}).
     */
    public MarkReceipt markReceipt() {
        return new MarkReceipt(new CountedReads(root.memberCursors(), root.readCounts()), root.messages(), root.fanOut(),
                root.clock());
    }

    /** readCounts: the caller's row and the conversation's read count shards. */
    public GetReadCounts getReadCounts() {
        return new GetReadCounts(root.memberCursors(), root.readCounts());
    }

    /** Parley's CloudWatch metrics, which the handlers of this family record into. */
    public Metrics metrics() {
        return root.metrics();
    }

    public void prime() {
        root.prime();
    }

    /** {@link #prime()}, and the send path's clients built on first use, so that a SnapStart snapshot holds them. */
    public void primeSendPath() {
        prime();
        root.push().buildPushQueue();
    }

    /** Runs {@code work} with every AWS call answered offline: SnapStart priming through the handler itself. */
    public void offline(Runnable work) {
        root.offline(work);
    }

    /**
     * The send path's updates of the members' rows; off (logged) without MEMBERSHIPS_TABLE, so a
     * deployment that predates sync keeps sending. Sync then sees no new messages: set it.
     */
    private MemberActivity memberActivity() {
        MemberActivityConfig config = MemberActivityConfig.from(root.environment());
        if (config.membershipsTable().isEmpty()) {
            LOG.warn("member activity off: MEMBERSHIPS_TABLE is not set", JsonLogger.fields());
            return MemberActivity.none();
        }
        return new DynamoDbMemberActivity(root.aws(config.region()).dynamoDb(), config.membershipsTable().get());
    }
}
