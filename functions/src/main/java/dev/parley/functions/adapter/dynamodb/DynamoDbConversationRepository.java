package dev.parley.functions.adapter.dynamodb;

import dev.parley.functions.domain.Failure;
import dev.parley.functions.domain.FailureException;
import dev.parley.functions.domain.conversation.Conversation;
import dev.parley.functions.domain.conversation.ConversationRepository;
import dev.parley.functions.domain.conversation.GroupChange;
import dev.parley.functions.domain.conversation.InviteUse;
import dev.parley.functions.domain.conversation.PostPolicy;
import dev.parley.functions.domain.conversation.Kind;
import dev.parley.functions.domain.conversation.Membership;
import dev.parley.functions.domain.conversation.MembershipChange;
import dev.parley.functions.domain.conversation.Role;
import dev.parley.functions.domain.conversation.Tier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static dev.parley.functions.adapter.dynamodb.DynamoDbMessageRepository.CONVERSATION_ID;
import static dev.parley.functions.adapter.dynamodb.DynamoDbMessageRepository.E2EE;
import static dev.parley.functions.adapter.dynamodb.DynamoDbMessageRepository.KIND;
import static dev.parley.functions.adapter.dynamodb.DynamoDbMessageRepository.MEMBERS;
import static dev.parley.functions.adapter.dynamodb.DynamoDbMessageRepository.SENT_AT;
import static dev.parley.functions.adapter.dynamodb.DynamoDbMessageRepository.SEQ;
import static dev.parley.functions.adapter.dynamodb.DynamoDbMessageRepository.MEMBER_COUNT;
import static dev.parley.functions.adapter.dynamodb.DynamoDbMessageRepository.TIER;

/**
 * Conversations: the header item in the messages table, and the memberships table.
 *
 * <pre>
 * messages table (layout in {@link DynamoDbMessageRepository})
 *   header item     conversationId (S), seq = HEADER_SEQ (N), kind (S: direct|group), title (S, optional),
 *                   e2ee (BOOL), members (SS, small only), admins (SS, absent when empty), createdAt (N, epoch ms),
 *                   createdBy (S), tier (S: "large", absent on a small one), memberCount (N, large only),
 *                   owner (S, a group's; absent once its owner left), postPolicy (S: "admins", absent: everyone),
 *                   membersEpoch (N, one more with each membership change; absent: 0)
 * memberships table
 *   partition key   userId (S)
 *   sort key        conversationId (S)      no TTL
 *   attributes      role (S: owner|admin|member, mirrors the header's roles), joinedAt (N, epoch ms), readSeq (N), deliveredSeq (N)
 *   index           byConversation: conversationId (S), userId (S), KEYS_ONLY: a large conversation's members
 * </pre>
 *
 * <p>A small conversation's header member set is what the send path and fan-out read; a large
 * one's header holds only a count, and its rows, paged through the index, are its members.
 * Either way a membership change is one TransactWriteItems over the header and the rows it
 * touches: both change or neither does.
 * Each write carries the conditions its decision rested on (the caller is still an admin, the
 * group stays within its limit, the rows exist or not as expected); a failed condition, or a
 * concurrent transaction on the same items, comes back as {@link Outcome#REFUSED}. Sets are
 * changed with ADD and DELETE, never rewritten, so concurrent changes by different admins
 * compose ({@link ConversationWrites} builds them). A transaction costs 2 write units per item:
 * header + n rows = 2(n + 1); a removal from or leave of a large conversation adds one item per
 * read-count shard with a leaver counted on it ({@link ReadCountTakeBack}, at most 8).
 *
 * <p>Reading a conversation is one Query, newest first, Limit 2: the header and the latest
 * message (for lastSeq and lastActivityAt), usually half a read unit eventually consistent.
 */
public final class DynamoDbConversationRepository implements ConversationRepository {
    static final String TITLE = "title";
    static final String ADMINS = "admins";
    static final String CREATED_AT = "createdAt";
    static final String CREATED_BY = "createdBy";
    static final String OWNER = "owner";
    static final String POST_POLICY = "postPolicy";
    static final String USER_ID = "userId";
    static final String ROLE = "role";
    static final String JOINED_AT = "joinedAt";
    static final String READ_SEQ = "readSeq";
    static final String DELIVERED_SEQ = "deliveredSeq";
    /** Moved by every message (the send path), read by sync, unread counts and badges. */
    static final String LAST_SEQ = "lastSeq";
    static final String LAST_ACTIVITY_AT = "lastActivityAt";
    /** Bumped by every change to a member row; sync compares it with {@code since}. */
    static final String UPDATED_AT = "updatedAt";
    static final String MUTED_UNTIL = "mutedUntil";
    /** The memberships table's index of each conversation's rows, keys only (infra-cdk MessagingTables.MEMBERS_INDEX). */
    static final String MEMBERS_INDEX = "byConversation";
    /** Parallel header reads of one listConversations: enough to hide latency, few enough to stay polite. */
    static final int PARALLEL_READS = 16;
    private static final String TABLES = "conversation tables";
    private static final Set<String> THROTTLED = Set.of("ThrottlingError", "ProvisionedThroughputExceeded", "RequestLimitExceeded");
    private static final Set<String> REFUSED = Set.of("ConditionalCheckFailed", "TransactionConflict");

    /** What a conversation read needs: the header's fields and the latest message's seq and time, not its body. */
    private static final NewestFirst READ = new NewestFirst(List.of(
            CONVERSATION_ID, SEQ, KIND, TITLE, E2EE, MEMBERS, ADMINS, CREATED_AT, CREATED_BY, SENT_AT, TIER, MEMBER_COUNT,
            OWNER, POST_POLICY, DynamoDbMessageRepository.MEMBERS_EPOCH));

    private final DynamoDbClient dynamoDb;
    private final String messagesTable;
    private final String membershipsTable;
    private final ConversationWrites writes;
    private final GroupWrites groupWrites;

    public DynamoDbConversationRepository(DynamoDbClient dynamoDb, String messagesTable, String membershipsTable) {
        this.dynamoDb = dynamoDb;
        this.messagesTable = messagesTable;
        this.membershipsTable = membershipsTable;
        this.writes = new ConversationWrites(messagesTable, membershipsTable);
        this.groupWrites = new GroupWrites(writes);
    }

    @Override
    public Optional<Conversation> find(String conversationId, Consistency consistency) {
        List<Map<String, AttributeValue>> items =
                READ.read(dynamoDb, messagesTable, TABLES, conversationId, 2, consistency == Consistency.STRONG);
        if (items.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(conversation(items.getFirst(), items.size() > 1 ? items.get(1) : null));
    }

    @Override
    public List<Conversation> findAll(Collection<String> conversationIds) {
        if (conversationIds.isEmpty()) {
            return List.of();
        }
        try (ExecutorService reads = Executors.newFixedThreadPool(
                Math.min(PARALLEL_READS, conversationIds.size()), Thread.ofVirtual().factory())) {
            List<Future<Optional<Conversation>>> pending = conversationIds.stream()
                    .map(id -> reads.submit(() -> find(id, Consistency.EVENTUAL)))
                    .toList();
            List<Conversation> found = new ArrayList<>();
            for (Future<Optional<Conversation>> read : pending) {
                DynamoDbCalls.result(TABLES, read).ifPresent(found::add);
            }
            return found;
        }
    }

    @Override
    public Optional<Membership> membership(String userId, String conversationId) {
        Map<String, AttributeValue> item = DynamoDbCalls.call(TABLES, () -> dynamoDb.getItem(get -> get
                .tableName(membershipsTable)
                .key(ConversationWrites.membershipKey(userId, conversationId)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(membership(item));
    }

    @Override
    public Set<String> membersAmong(String conversationId, Collection<String> userIds) {
        List<Map<String, AttributeValue>> keys = userIds.stream()
                .distinct()
                .map(userId -> ConversationWrites.membershipKey(userId, conversationId))
                .toList();
        return BatchGet.items(dynamoDb, membershipsTable, TABLES, keys, true).stream()
                .map(item -> item.get(USER_ID).s())
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public MemberPage members(String conversationId, String afterUserId, int limit) {
        Map<String, AttributeValue> values = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        values.put(":id", AttributeValue.fromS(conversationId));
        names.put("#id", CONVERSATION_ID);
        String condition = "#id = :id";
        if (afterUserId != null) {
            condition += " AND #user > :after";
            values.put(":after", AttributeValue.fromS(afterUserId));
            names.put("#user", USER_ID);
        }
        String keyCondition = condition;
        // One more than asked, to know whether more follow without a second round trip.
        List<Map<String, AttributeValue>> items = DynamoDbCalls.call(TABLES, () -> dynamoDb.query(query -> query
                .tableName(membershipsTable)
                .indexName(MEMBERS_INDEX)
                .keyConditionExpression(keyCondition)
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .limit(limit + 1))).items();
        List<String> userIds = items.stream().limit(limit).map(item -> item.get(USER_ID).s()).toList();
        return new MemberPage(userIds, items.size() > limit);
    }

    @Override
    public List<Membership> memberships(String userId) {
        return DynamoDbCalls.call(TABLES, () -> dynamoDb.queryPaginator(query -> query
                        .tableName(membershipsTable)
                        .keyConditionExpression("#user = :user")
                        .expressionAttributeNames(Map.of("#user", USER_ID))
                        .expressionAttributeValues(Map.of(":user", AttributeValue.fromS(userId))))
                .items().stream()
                .map(DynamoDbConversationRepository::membership)
                .toList());
    }

    @Override
    public Outcome create(Conversation conversation) {
        return transact(writes.creation(conversation));
    }

    /** A large conversation's leavers also leave its read counts, in the same transaction ({@link ReadCountTakeBack}). */
    @Override
    public Outcome apply(MembershipChange change) {
        Set<String> leavers = change.tier() != Tier.LARGE ? Set.of() : switch (change) {
            case MembershipChange.Remove remove -> remove.userIds();
            case MembershipChange.Leave leave -> Set.of(leave.userId());
            default -> Set.of();
        };
        if (leavers.isEmpty()) {
            return transact(writes.of(change));
        }
        return transact(writes.of(change, ReadCountTakeBack.read(dynamoDb, messagesTable, membershipsTable,
                change.conversationId(), leavers)));
    }

    @Override
    public Outcome apply(MembershipChange change, InviteUse use) {
        List<TransactWriteItem> items = new ArrayList<>(writes.of(change));
        items.add(DynamoDbInvites.use(messagesTable, use));
        return transact(items);
    }

    @Override
    public Outcome apply(GroupChange change) {
        return transact(groupWrites.of(change));
    }

    /** Runs the transaction; a refused condition or a conflicting transaction is an outcome, throttling a failure. */
    private Outcome transact(List<TransactWriteItem> items) {
        try {
            DynamoDbCalls.call(TABLES, () -> dynamoDb.transactWriteItems(write -> write.transactItems(items)));
            return Outcome.APPLIED;
        } catch (TransactionCanceledException e) {
            List<String> codes = e.hasCancellationReasons()
                    ? e.cancellationReasons().stream().map(CancellationReason::code).toList()
                    : List.of();
            if (codes.stream().anyMatch(THROTTLED::contains)) {
                throw new FailureException(new Failure.Unavailable(TABLES), e);
            }
            if (codes.stream().anyMatch(REFUSED::contains)) {
                return Outcome.REFUSED;
            }
            throw e;
        }
    }

    /** The header, and the latest message if there is one: the last seq and activity come from it. */
    static Conversation conversation(Map<String, AttributeValue> header, Map<String, AttributeValue> latest) {
        String id = header.get(CONVERSATION_ID).s();
        Instant createdAt = Instant.ofEpochMilli(number(header, CREATED_AT));
        Set<String> members = stringSet(header, MEMBERS);
        boolean large = header.containsKey(TIER) && Tier.LARGE.value().equals(header.get(TIER).s());
        return new Conversation(
                id,
                Kind.of(header.get(KIND).s()).orElseThrow(() -> new IllegalStateException(
                        "conversation " + id + " has an unknown kind " + header.get(KIND).s())),
                header.containsKey(TITLE) ? header.get(TITLE).s() : null,
                Boolean.TRUE.equals(header.get(E2EE).bool()),
                members,
                stringSet(header, ADMINS),
                createdAt,
                header.get(CREATED_BY).s(),
                latest == null ? 0 : number(latest, SEQ),
                latest == null ? createdAt : Instant.ofEpochMilli(number(latest, SENT_AT)),
                large ? Tier.LARGE : Tier.SMALL,
                large ? (int) number(header, MEMBER_COUNT) : members.size(),
                header.containsKey(OWNER) ? header.get(OWNER).s() : null,
                postPolicy(header),
                DynamoDbMessageRepository.membersEpoch(header));
    }

    /** A header without the attribute lets everyone post (every group before announcement groups). */
    static PostPolicy postPolicy(Map<String, AttributeValue> header) {
        return header.containsKey(POST_POLICY)
                ? PostPolicy.of(header.get(POST_POLICY).s()).orElseThrow(() ->
                        new IllegalStateException("unknown post policy " + header.get(POST_POLICY).s()))
                : PostPolicy.EVERYONE;
    }

    private static Membership membership(Map<String, AttributeValue> item) {
        return new Membership(
                item.get(USER_ID).s(),
                item.get(CONVERSATION_ID).s(),
                Role.of(item.get(ROLE).s()).orElseThrow(() -> new IllegalStateException("unknown role " + item.get(ROLE).s())),
                Instant.ofEpochMilli(number(item, JOINED_AT)),
                number(item, READ_SEQ),
                number(item, DELIVERED_SEQ));
    }

    private static Set<String> stringSet(Map<String, AttributeValue> item, String name) {
        return item.containsKey(name) ? Set.copyOf(item.get(name).ss()) : Set.of();
    }

    private static long number(Map<String, AttributeValue> item, String name) {
        return Long.parseLong(item.get(name).n());
    }
}
