package dev.parley.functions.adapter.dynamodb;

import dev.parley.functions.adapter.aws.AwsCallCounter;
import dev.parley.functions.adapter.aws.AwsClients;
import dev.parley.functions.domain.Actor;
import dev.parley.functions.domain.conversation.Conversation;
import dev.parley.functions.domain.conversation.ConversationEvents;
import dev.parley.functions.domain.conversation.ConversationId;
import dev.parley.functions.domain.conversation.ConversationRepository;
import dev.parley.functions.domain.conversation.ConversationRepositoryContract;
import dev.parley.functions.domain.conversation.GroupRolesContract;
import dev.parley.functions.domain.conversation.CreateConversation;
import dev.parley.functions.domain.conversation.Kind;
import dev.parley.functions.domain.conversation.MembershipChange;
import dev.parley.functions.domain.delivery.FanOut;
import dev.parley.functions.domain.delivery.RecordingEventPublisher;
import dev.parley.functions.domain.message.Message;
import dev.parley.functions.domain.message.MessageBody;
import dev.parley.functions.domain.message.MessageRepository;
import dev.parley.functions.domain.receipt.CountedReads;
import dev.parley.functions.domain.receipt.ReadTally;
import dev.parley.functions.domain.sync.MemberCursors;
import dev.parley.functions.testing.ConversationTables;
import dev.parley.functions.testing.MessagesTable;
import dev.parley.functions.testing.MotoServer;
import dev.parley.model.v1.CreateConversationReply;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The repository against a real moto server, through the production client factory. */
class DynamoDbConversationRepositoryTest extends ConversationRepositoryContract implements GroupRolesContract {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    private static final AwsCallCounter CALLS = new AwsCallCounter();
    private static DynamoDbClient dynamoDb;
    private static String messagesTable;
    private static DynamoDbConversationRepository repository;
    private static DynamoDbMessageRepository messages;
    private static DynamoDbReadCounts readCounts;
    private static CountedReads reads;

    @BeforeAll
    static void createTables() {
        dynamoDb = new AwsClients("us-east-1", CALLS).dynamoDb();
        messagesTable = MessagesTable.create(dynamoDb);
        String membershipsTable = ConversationTables.memberships(dynamoDb);
        repository = new DynamoDbConversationRepository(dynamoDb, messagesTable, membershipsTable);
        messages = new DynamoDbMessageRepository(dynamoDb, messagesTable);
        readCounts = new DynamoDbReadCounts(dynamoDb, messagesTable);
        reads = new CountedReads(new DynamoDbMemberCursors(dynamoDb, membershipsTable), readCounts);
    }

    @Override
    public ConversationRepository repository() {
        return repository;
    }

    @Override
    protected void read(String userId, String conversationId, long seq) {
        reads.advance(userId, conversationId, MemberCursors.Cursor.READ, seq, seq, Instant.now());
    }

    @Override
    protected ReadTally readTally(String conversationId) {
        return readCounts.tally(conversationId);
    }

    @Override
    protected void messageStored(String conversationId, long seq, Instant sentAt) {
        messages.append(new Message(conversationId, seq, "alice", "iphone", "m" + seq, sentAt, new MessageBody.Text("hi"), null));
    }

    private static Conversation group(String admin, String... others) {
        Set<String> members = new java.util.HashSet<>(List.of(others));
        members.add(admin);
        Conversation group = Conversation.created(ConversationId.newGroup(), Kind.GROUP, null, false, members, Set.of(admin), CREATED, admin);
        repository.create(group);
        return group;
    }

    @Test
    void the_header_has_the_documented_layout_and_the_send_path_reads_its_members() {
        String alice = user("alice");
        String bob = user("bob");
        Conversation group = group(alice, bob);

        Map<String, AttributeValue> header = dynamoDb.getItem(get -> get.tableName(messagesTable).key(Map.of(
                "conversationId", AttributeValue.fromS(group.conversationId()),
                "seq", AttributeValue.fromN(MessagesTable.HEADER_SEQ)))).item();
        assertThat(header).containsKeys("kind", "e2ee", "members", "admins", "createdAt", "createdBy").doesNotContainKey("title");
        assertThat(header.get("kind").s()).isEqualTo("group");
        assertThat(messages.tail(group.conversationId(), 10, MessageRepository.Read.CONSISTENT).orElseThrow().members())
                .containsExactlyInAnyOrder(alice, bob);
    }

    @Test
    void a_removed_member_is_out_of_the_members_the_very_next_send_reads() {
        String alice = user("alice");
        String bob = user("bob");
        Conversation group = group(alice, bob, user("carol"));

        repository.apply(new MembershipChange.Remove(group.conversationId(), alice, Set.of(bob)));

        assertThat(messages.tail(group.conversationId(), 10, MessageRepository.Read.CONSISTENT).orElseThrow().members())
                .doesNotContain(bob).hasSize(2);
    }

    @Test
    void a_direct_conversation_has_no_admins_attribute_since_dynamodb_has_no_empty_sets() {
        String alice = user("alice");
        String bob = user("bob");
        String id = ConversationId.direct(alice, bob);
        repository.create(Conversation.created(id, Kind.DIRECT, null, false, Set.of(alice, bob), Set.of(), CREATED, alice));

        Map<String, AttributeValue> header = dynamoDb.getItem(get -> get.tableName(messagesTable).key(Map.of(
                "conversationId", AttributeValue.fromS(id), "seq", AttributeValue.fromN(MessagesTable.HEADER_SEQ)))).item();
        assertThat(header).doesNotContainKey("admins");
    }

    @Test
    void reading_a_conversation_is_one_query_and_a_membership_change_one_transaction() {
        String alice = user("alice");
        Conversation group = group(alice);
        CALLS.reset();

        repository.find(group.conversationId(), ConversationRepository.Consistency.EVENTUAL);
        repository.apply(new MembershipChange.Add(group.conversationId(), alice, Set.of(user("bob"), user("carol")), 64, CREATED));

        assertThat(CALLS.snapshot()).containsOnly(Map.entry("DynamoDb/Query", 1L), Map.entry("DynamoDb/TransactWriteItems", 1L));
    }

    @RepeatedTest(5)
    void two_users_creating_their_direct_conversation_at_the_same_moment_get_one_conversation() throws Exception {
        String alice = user("alice");
        String bob = user("bob");
        ConversationEvents events = new ConversationEvents(new FanOut(userIds -> List.of(), new RecordingEventPublisher()));
        CreateConversation create = new CreateConversation(repository, events, Clock.systemUTC());
        CyclicBarrier start = new CyclicBarrier(2);

        List<CreateConversationReply> replies;
        try (ExecutorService both = Executors.newFixedThreadPool(2)) {
            Future<CreateConversationReply> byAlice = both.submit(() -> {
                start.await();
                return create.create(new Actor(alice, "phone", "conn-a"), new CreateConversation.Command("direct", List.of(bob), null, null));
            });
            Future<CreateConversationReply> byBob = both.submit(() -> {
                start.await();
                return create.create(new Actor(bob, "phone", "conn-b"), new CreateConversation.Command("direct", List.of(alice), null, true));
            });
            replies = List.of(byAlice.get(), byBob.get());
        }

        String id = ConversationId.direct(alice, bob);
        assertThat(replies).extracting(reply -> reply.conversation().conversationId()).containsOnly(id);
        assertThat(replies).filteredOn(CreateConversationReply::created).hasSize(1);
        Conversation stored = repository.find(id, ConversationRepository.Consistency.STRONG).orElseThrow();
        assertThat(replies).extracting(reply -> reply.conversation().e2ee()).containsOnly(stored.e2ee());
        assertThat(repository.memberships(alice)).singleElement().satisfies(row -> assertThat(row.conversationId()).isEqualTo(id));
    }
}
