package dev.parley.functions.adapter.dynamodb;

import dev.parley.functions.domain.message.MemberDevices;
import dev.parley.functions.adapter.aws.AwsCallCounter;
import dev.parley.functions.adapter.aws.AwsClients;
import dev.parley.functions.domain.Actor;
import dev.parley.functions.domain.Failure;
import dev.parley.functions.domain.FailureException;
import dev.parley.functions.domain.conversation.Kind;
import dev.parley.functions.domain.delivery.DeliveryReport;
import dev.parley.functions.domain.delivery.FanOut;
import dev.parley.functions.domain.message.Attachments;
import dev.parley.functions.domain.message.MemberActivity;
import dev.parley.functions.domain.message.Message;
import dev.parley.functions.domain.message.MessageBody;
import dev.parley.functions.domain.message.MessageDraft;
import dev.parley.functions.domain.message.MessageRepository;
import dev.parley.functions.domain.message.MessageRepositoryContract;
import dev.parley.functions.domain.message.Envelope;
import dev.parley.functions.domain.message.SendMessage;
import dev.parley.functions.domain.message.LargeGroupSend;
import dev.parley.functions.domain.push.MessagePushes;
import dev.parley.functions.testing.MessagesTable;
import dev.parley.functions.testing.MotoServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import dev.parley.model.v1.MediaDescriptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The repository against a real moto server, through the production client factory. */
class DynamoDbMessageRepositoryTest extends MessageRepositoryContract {
    @RegisterExtension
    static final MotoServer MOTO = MotoServer.serialized();

    private static final AwsCallCounter CALLS = new AwsCallCounter();
    private static DynamoDbClient dynamoDb;
    private static String table;
    private static DynamoDbMessageRepository repository;

    @BeforeAll
    static void createTable() {
        dynamoDb = new AwsClients("us-east-1", CALLS).dynamoDb();
        table = MessagesTable.create(dynamoDb);
        repository = new DynamoDbMessageRepository(dynamoDb, table);
    }

    @Override
    protected MessageRepository repository() {
        return repository;
    }

    @Override
    protected void createConversation(String conversationId, Kind kind, boolean e2ee, Set<String> members) {
        MessagesTable.putHeader(dynamoDb, table, conversationId, kind.value(), e2ee, members);
    }

    @Test
    void a_message_of_only_media_keeps_its_descriptors_as_one_json_attribute_for_sync_and_history() {
        String id = newConversationId();
        MediaDescriptor photo = new MediaDescriptor("m_aaaaaaaaaaaaaaaaaaaaaaaaaa", "image", "image/jpeg", 2048, 1600, 1200, null,
                false, List.of("display", "thumb"));
        MediaDescriptor pdf = new MediaDescriptor("m_bbbbbbbbbbbbbbbbbbbbbbbbbb", "document", "application/pdf", 4096, 612, 792, 3,
                false, List.of("original", "preview"));
        Message sent = new Message(id, 1, "alice", "iphone", "m-1", SENT_AT, new MessageBody.MediaOnly(), null, List.of(photo, pdf));
        repository.append(sent);

        Map<String, AttributeValue> item = item(id, 1);
        List<Message> page = new DynamoDbTimeline(dynamoDb, table).after(id, 0, 10);

        assertThat(item).containsKey("media").doesNotContainKeys("text", "ciphertext", "alg");
        assertThat(item.get("media").s()).startsWith("[{\"mediaId\":\"m_aaaaaaaaaaaaaaaaaaaaaaaaaa\"");
        assertThat(page).containsExactly(sent);
        assertThat(page.getFirst().toEvent().media()).containsExactly(photo, pdf);
    }

    @Test
    void a_message_item_has_the_documented_layout_that_sync_and_tools_read() {
        String id = newConversationId();
        repository.append(new Message(id, 1, "alice", "iphone", "m-1", SENT_AT, new MessageBody.Ciphertext("AAEC", "signal-v1"), null));
        repository.append(new Message(id, 2, "bob", "pixel", "m-2", SENT_AT, new MessageBody.Text("hi"), 1L));

        Map<String, AttributeValue> encrypted = item(id, 1);
        Map<String, AttributeValue> reply = item(id, 2);

        assertThat(encrypted).isEqualTo(Map.of(
                "conversationId", AttributeValue.fromS(id),
                "seq", AttributeValue.fromN("1"),
                "senderId", AttributeValue.fromS("alice"),
                "senderDeviceId", AttributeValue.fromS("iphone"),
                "clientMessageId", AttributeValue.fromS("m-1"),
                "sentAt", AttributeValue.fromN(Long.toString(SENT_AT.toEpochMilli())),
                "ciphertext", AttributeValue.fromS("AAEC"),
                "alg", AttributeValue.fromS("signal-v1")));
        assertThat(reply.get("text")).isEqualTo(AttributeValue.fromS("hi"));
        assertThat(reply.get("replyToSeq")).isEqualTo(AttributeValue.fromN("1"));
    }

    @Test
    void a_pairwise_message_keeps_each_envelope_as_bytes_with_its_device_and_reads_back_whole() {
        String id = newConversationId();
        Envelope toLaptop = new Envelope("alice", 2, 102, Envelope.Type.PREKEY, "AAECAw==", "laptop");
        Envelope toBob = new Envelope("bob", 1, 201, Envelope.Type.MESSAGE, "BAUG", "pixel");
        Message sent = new Message(id, 1, "alice", "phone", "m-1", SENT_AT,
                new MessageBody.Envelopes(List.of(toLaptop, toBob), false), null, List.of(), 1);
        repository.append(sent);

        Map<String, AttributeValue> item = item(id, 1);
        List<Message> page = new DynamoDbTimeline(dynamoDb, table).after(id, 0, 10);

        assertThat(item.get("senderDeviceNum")).isEqualTo(AttributeValue.fromN("1"));
        assertThat(item.get("alg")).isEqualTo(AttributeValue.fromS("signal-v1"));
        assertThat(item.get("envelopes").l().getFirst().m().get("c").b().asByteArray()).containsExactly(0, 1, 2, 3);
        assertThat(item.get("envelopes").l().getFirst().m().get("i")).isEqualTo(AttributeValue.fromS("laptop"));
        assertThat(page).containsExactly(sent);
        assertThat(page.getFirst().toEventFor("bob", "pixel").ciphertext()).isEqualTo("BAUG");
        assertThat(page.getFirst().toEventFor("alice", "laptop").envelopeType()).isEqualTo("prekey");
    }

    @Test
    void a_tail_read_is_one_query_and_an_append_one_transaction_of_the_message_and_its_sent_record() {
        String id = newConversationId();
        createConversation(id, Kind.DIRECT, false, Set.of("alice", "bob"));
        CALLS.reset();

        repository.tail(id, 10, MessageRepository.Read.EVENTUALLY_CONSISTENT);
        repository.append(message(id, 1, "m-1"));

        assertThat(CALLS.snapshot()).containsExactly(Map.entry("DynamoDb/Query", 1L), Map.entry("DynamoDb/TransactWriteItems", 1L));
    }

    @Test
    void eight_devices_sending_at_once_to_one_conversation_get_unique_gapless_seqs_and_every_message_is_stored_once() throws Exception {
        String id = newConversationId();
        createConversation(id, Kind.GROUP, false, Set.of("alice"));
        FanOut nobodyLive = new FanOut(userIds -> List.of(), (to, frame) -> DeliveryReport.none());
        SendMessage sendMessage = new SendMessage(repository, nobodyLive,
                MessagePushes.off(), MemberActivity.none(), Attachments.none(), MemberDevices.NONE, Clock.systemUTC(), LargeGroupSend.off());
        int sends = 48;

        List<Future<Long>> seqs = new ArrayList<>();
        try (ExecutorService senders = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < sends; i++) {
                Actor device = new Actor("alice", "device-" + (i % 8), "conn-" + (i % 8));
                MessageDraft draft = MessageDraft.of(id, "race-" + i, "message " + i, null, null, null);
                seqs.add(senders.submit(() -> sendLikeAClient(sendMessage, device, draft)));
            }
        }

        List<Long> taken = new ArrayList<>();
        for (Future<Long> seq : seqs) {
            taken.add(seq.get());
        }
        assertThat(taken).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, sends).boxed().toList());
        List<Map<String, AttributeValue>> stored = dynamoDb.query(query -> query.tableName(table)
                .keyConditionExpression("conversationId = :id AND seq < :header")
                .expressionAttributeValues(Map.of(":id", AttributeValue.fromS(id), ":header", AttributeValue.fromN(MessagesTable.HEADER_SEQ)))
                .consistentRead(true)).items();
        assertThat(stored).extracting(item -> item.get("clientMessageId").s()).as("no message overwritten")
                .doesNotHaveDuplicates().hasSize(sends);
    }

    /** As the protocol tells clients: on UNAVAILABLE (seq contention), retry with the same clientMessageId. */
    private static long sendLikeAClient(SendMessage sendMessage, Actor device, MessageDraft draft) {
        for (int attempt = 1; ; attempt++) {
            try {
                return sendMessage.send(device, draft).seq();
            } catch (FailureException e) {
                if (!(e.failure() instanceof Failure.Unavailable) || attempt == 10) {
                    throw e;
                }
            }
        }
    }

    private static Map<String, AttributeValue> item(String conversationId, long seq) {
        return dynamoDb.getItem(get -> get.tableName(table).consistentRead(true).key(Map.of(
                "conversationId", AttributeValue.fromS(conversationId), "seq", AttributeValue.fromN(Long.toString(seq))))).item();
    }
}
