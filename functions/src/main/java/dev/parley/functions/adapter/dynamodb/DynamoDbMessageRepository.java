package dev.parley.functions.adapter.dynamodb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.parley.functions.domain.conversation.Kind;
import dev.parley.functions.domain.conversation.Tier;
import dev.parley.functions.domain.conversation.ConversationTail;
import dev.parley.functions.domain.message.Envelope;
import dev.parley.functions.domain.message.Message;
import dev.parley.functions.domain.message.MessageBody;
import dev.parley.functions.domain.message.MessageRepository;
import dev.parley.model.ProtocolCodec;
import dev.parley.model.v1.MediaDescriptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import dev.parley.functions.domain.Failure;
import dev.parley.functions.domain.FailureException;
import dev.parley.model.Limits;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import software.amazon.awssdk.core.SdkBytes;

import java.time.Duration;
import java.util.Base64;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The messages table: every conversation's timeline in one partition.
 *
 * <pre>
 * partition key  conversationId (S)
 * sort key       seq (N)            1, 2, 3, ... for messages; {@link #HEADER_SEQ} for the header
 *
 * message item   senderId (S), senderDeviceId (S), clientMessageId (S), sentAt (N, epoch ms),
 *                text (S) | ciphertext (S) + alg (S) | envelopes (L) + alg (S) + partial (BOOL)
 *                | neither (a message that is only media),
 *                replyToSeq (N, optional), media (S, optional: JSON array of MediaDescriptor),
 *                senderDeviceNum (N, the two Signal forms only)
 * envelope       M of u (S, userId), i (S, deviceId), n (N, deviceNum), r (N, registrationId),
 *                t (S, prekey|message), c (B, the ciphertext's bytes: a quarter smaller than its base64)
 * header item    kind (S: direct|group), title (S, optional), e2ee (BOOL), members (SS of userIds),
 *                admins (SS, absent when empty), createdAt (N, epoch ms), createdBy (S)
 * sent record    conversationId = "sent#" conversationId "#" senderId "#" senderDeviceId "#" clientMessageId,
 *                seq = 0, messageSeq (N), sentAt (N, epoch ms), expiresAt (N, epoch s: sentAt + 24 h)
 * </pre>
 * No index. TTL on {@code expiresAt}, which only sent records have: DynamoDB deletes them within
 * days of expiry, and an expired record still present is overwritten (the condition compares
 * expiresAt), so a retry is recognised for exactly {@link Limits#IDEMPOTENCY_HOURS} hours.
 *
 * <p>Why the sent record is written with the message, in one transaction: a retry after a
 * dropped reply must find the original however many messages the conversation stored since,
 * and a Lambda that died between two separate writes would leave a message without its record.
 * The cost: a transaction bills 2 write units per item, so a send writes 4 units instead of 1
 * (docs/cost.md).
 *
 * <p>Why the header lives at seq 2^53 - 1: it sorts after every message, so one descending Query
 * reads the header and then the newest messages (the last seq and the dedupe window) in one call
 * and usually one read unit. A message is put only if its seq is free
 * ({@code attribute_not_exists(seq)}), so a message is never overwritten.
 */
public final class DynamoDbMessageRepository implements MessageRepository {
    /** 2^53 - 1: the largest integer every JSON client reads exactly; no conversation gets that far. */
    public static final long HEADER_SEQ = 9_007_199_254_740_991L;

    static final String CONVERSATION_ID = "conversationId";
    static final String SEQ = "seq";
    static final String KIND = "kind";
    static final String E2EE = "e2ee";
    static final String MEMBERS = "members";
    /** On the header: "large" when the conversation's members are rows only; absent on a small one. */
    static final String TIER = "tier";
    /** On a large conversation's header: how many members it has. */
    static final String MEMBER_COUNT = "memberCount";
    /** The header's membership epoch: absent (0) until the first change after creation. */
    static final String MEMBERS_EPOCH = "membersEpoch";
    static final String SENDER_ID = "senderId";
    static final String SENDER_DEVICE_ID = "senderDeviceId";
    static final String CLIENT_MESSAGE_ID = "clientMessageId";
    static final String SENT_AT = "sentAt";
    static final String TEXT = "text";
    static final String CIPHERTEXT = "ciphertext";
    static final String ALG = "alg";
    static final String REPLY_TO_SEQ = "replyToSeq";
    static final String ENVELOPES = "envelopes";
    static final String PARTIAL = "partial";
    static final String SENDER_DEVICE_NUM = "senderDeviceNum";
    private static final String ENVELOPE_USER = "u";
    private static final String ENVELOPE_DEVICE_ID = "i";
    private static final String ENVELOPE_DEVICE_NUM = "n";
    private static final String ENVELOPE_REGISTRATION_ID = "r";
    private static final String ENVELOPE_TYPE = "t";
    private static final String ENVELOPE_CIPHERTEXT = "c";
    /**
     * The media descriptors as one JSON string, not a list of maps: read back whole with the
     * message, never queried, and a string is the cheapest shape to store and parse.
     */
    static final String MEDIA = "media";
    private static final TypeReference<List<MediaDescriptor>> DESCRIPTORS = new TypeReference<>() {
    };
    private static final String TABLE = "messages table";
    static final String SENT_RECORD_PREFIX = "sent";
    static final long SENT_RECORD_SEQ = 0;
    static final String MESSAGE_SEQ = "messageSeq";
    /** The table's TTL attribute (MessagingTables.TTL_ATTRIBUTE); only sent records have it. */
    static final String EXPIRES_AT = "expiresAt";
    private static final Duration IDEMPOTENCY = Duration.ofHours(Limits.IDEMPOTENCY_HOURS);
    private static final String CONDITION_FAILED = "ConditionalCheckFailed";
    /** Reasons that mean "read the tail and try again": a None is an item whose condition held. */
    private static final Set<String> RACE_LOST = Set.of("None", CONDITION_FAILED, "TransactionConflict");
    private static final Set<String> THROTTLED = Set.of("ThrottlingError", "ProvisionedThroughputExceeded", "RequestLimitExceeded");

    /**
     * What a tail read returns: the header's authorization fields and each message's identity,
     * not its body. Reads are billed on whole items anyway, but bodies of up to 16 KB need not
     * travel to the function.
     */
    private static final NewestFirst TAIL = new NewestFirst(List.of(
            CONVERSATION_ID, SEQ, KIND, E2EE, MEMBERS, SENDER_ID, SENDER_DEVICE_ID, CLIENT_MESSAGE_ID, SENT_AT, TIER,
            DynamoDbConversationRepository.ADMINS, DynamoDbConversationRepository.POST_POLICY, MEMBERS_EPOCH));

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public DynamoDbMessageRepository(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    @Override
    public Optional<ConversationTail> tail(String conversationId, int recentMessages, Read read) {
        List<Map<String, AttributeValue>> items =
                TAIL.read(dynamoDb, tableName, TABLE, conversationId, 1 + recentMessages, read == Read.CONSISTENT);
        if (items.isEmpty()) {
            return Optional.empty();
        }
        Map<String, AttributeValue> header = items.getFirst();
        List<Map<String, AttributeValue>> messages = items.subList(1, items.size());
        return Optional.of(new ConversationTail(
                conversationId,
                Kind.of(header.get(KIND).s()).orElseThrow(() -> new IllegalStateException(
                        "conversation " + conversationId + " has an unknown kind " + header.get(KIND).s())),
                header.containsKey(E2EE) && header.get(E2EE).bool(),
                header.containsKey(MEMBERS) ? Set.copyOf(header.get(MEMBERS).ss()) : Set.of(),
                messages.isEmpty() ? 0 : seqOf(messages.getFirst()),
                messages.stream().map(DynamoDbMessageRepository::recent).toList(),
                header.containsKey(TIER) && Tier.LARGE.value().equals(header.get(TIER).s()),
                DynamoDbConversationRepository.postPolicy(header),
                header.containsKey(DynamoDbConversationRepository.ADMINS)
                        ? Set.copyOf(header.get(DynamoDbConversationRepository.ADMINS).ss()) : Set.of(),
                membersEpoch(header)));
    }

    static long membersEpoch(Map<String, AttributeValue> header) {
        return header.containsKey(MEMBERS_EPOCH) ? Long.parseLong(header.get(MEMBERS_EPOCH).n()) : 0;
    }

    /**
     * One transaction: the message at its seq if free, and its sent record if none within the
     * idempotency period. A refused sent record is a retry (its old image names the original);
     * a refused seq, or a conflict with a concurrent transaction on either item, sends the caller
     * back to read the tail again.
     */
    @Override
    public Append append(Message message) {
        long sentAtSeconds = message.sentAt().getEpochSecond();
        Map<String, AttributeValue> sent = Map.of(
                CONVERSATION_ID, AttributeValue.fromS(sentRecordKey(message)),
                SEQ, number(SENT_RECORD_SEQ),
                MESSAGE_SEQ, number(message.seq()),
                SENT_AT, number(message.sentAt().toEpochMilli()),
                EXPIRES_AT, number(sentAtSeconds + IDEMPOTENCY.toSeconds()));
        try {
            DynamoDbCalls.call(TABLE, () -> dynamoDb.transactWriteItems(write -> write.transactItems(
                    TransactWriteItem.builder().put(put -> put.tableName(tableName).item(item(message))
                            .conditionExpression("attribute_not_exists(#seq)")
                            .expressionAttributeNames(Map.of("#seq", SEQ))).build(),
                    TransactWriteItem.builder().put(put -> put.tableName(tableName).item(sent)
                            .conditionExpression("attribute_not_exists(#seq) OR #expiresAt <= :now")
                            .expressionAttributeNames(Map.of("#seq", SEQ, "#expiresAt", EXPIRES_AT))
                            .expressionAttributeValues(Map.of(":now", number(sentAtSeconds)))
                            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).build())));
            return new Append.Stored(message);
        } catch (TransactionCanceledException cancelled) {
            List<CancellationReason> reasons = cancelled.hasCancellationReasons() ? cancelled.cancellationReasons() : List.of();
            if (reasons.stream().map(CancellationReason::code).anyMatch(THROTTLED::contains)) {
                throw new FailureException(new Failure.Unavailable(TABLE), cancelled);
            }
            if (reasons.size() == 2 && CONDITION_FAILED.equals(reasons.get(1).code())) {
                Map<String, AttributeValue> original = reasons.get(1).hasItem() ? reasons.get(1).item() : sentRecord(sent);
                return new Append.AlreadyStored(Long.parseLong(original.get(MESSAGE_SEQ).n()),
                        Instant.ofEpochMilli(Long.parseLong(original.get(SENT_AT).n())));
            }
            if (reasons.stream().map(CancellationReason::code).allMatch(code -> code == null || RACE_LOST.contains(code))) {
                return new Append.SeqTaken(message.seq());
            }
            throw cancelled;
        }
    }

    /** The stored sent record, read consistently: for a cancellation that came without the old image. */
    private Map<String, AttributeValue> sentRecord(Map<String, AttributeValue> sent) {
        return DynamoDbCalls.call(TABLE, () -> dynamoDb.getItem(get -> get.tableName(tableName).consistentRead(true)
                .key(Map.of(CONVERSATION_ID, sent.get(CONVERSATION_ID), SEQ, sent.get(SEQ))))).item();
    }

    /**
     * The sent record's partition: its own, so that no conversation Query ever reads it. '#' is in
     * none of the ids' alphabets, so the key is unambiguous.
     */
    static String sentRecordKey(Message message) {
        return String.join("#", SENT_RECORD_PREFIX, message.conversationId(), message.senderId(), message.senderDeviceId(),
                message.clientMessageId());
    }

    private static Map<String, AttributeValue> item(Message message) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(CONVERSATION_ID, AttributeValue.fromS(message.conversationId()));
        item.put(SEQ, number(message.seq()));
        item.put(SENDER_ID, AttributeValue.fromS(message.senderId()));
        item.put(SENDER_DEVICE_ID, AttributeValue.fromS(message.senderDeviceId()));
        item.put(CLIENT_MESSAGE_ID, AttributeValue.fromS(message.clientMessageId()));
        item.put(SENT_AT, number(message.sentAt().toEpochMilli()));
        switch (message.body()) {
            case MessageBody.Text text -> item.put(TEXT, AttributeValue.fromS(text.text()));
            case MessageBody.Ciphertext encrypted -> {
                item.put(CIPHERTEXT, AttributeValue.fromS(encrypted.ciphertext()));
                item.put(ALG, AttributeValue.fromS(encrypted.alg()));
            }
            case MessageBody.Envelopes addressed -> {
                item.put(ENVELOPES, AttributeValue.fromL(addressed.envelopes().stream().map(DynamoDbMessageRepository::envelope).toList()));
                item.put(ALG, AttributeValue.fromS(MessageBody.PAIRWISE_ALG));
                item.put(PARTIAL, AttributeValue.fromBool(addressed.partial()));
            }
            case MessageBody.MediaOnly ignored -> {
            }
        }
        if (message.senderDeviceNum() != null) {
            item.put(SENDER_DEVICE_NUM, number(message.senderDeviceNum()));
        }
        if (message.replyToSeq() != null) {
            item.put(REPLY_TO_SEQ, number(message.replyToSeq()));
        }
        if (!message.media().isEmpty()) {
            item.put(MEDIA, AttributeValue.fromS(json(message.media())));
        }
        return item;
    }

    @Override
    public Optional<Message> find(String conversationId, long seq) {
        Map<String, AttributeValue> item = DynamoDbCalls.call(TABLE, () -> dynamoDb.getItem(get -> get
                .tableName(tableName)
                .key(Map.of(CONVERSATION_ID, AttributeValue.fromS(conversationId), SEQ, AttributeValue.fromN(Long.toString(seq))))
                .consistentRead(true))).item();
        return item == null || item.isEmpty() || seq == HEADER_SEQ ? Optional.empty() : Optional.of(message(item));
    }

    /** The inverse of {@link #item}: a stored message item read back. */
    static Message message(Map<String, AttributeValue> item) {
        MessageBody body = item.containsKey(TEXT) ? new MessageBody.Text(item.get(TEXT).s())
                : item.containsKey(CIPHERTEXT) ? new MessageBody.Ciphertext(item.get(CIPHERTEXT).s(), item.get(ALG).s())
                : item.containsKey(ENVELOPES) ? new MessageBody.Envelopes(
                        item.get(ENVELOPES).l().stream().map(DynamoDbMessageRepository::envelope).toList(),
                        item.containsKey(PARTIAL) && item.get(PARTIAL).bool())
                : new MessageBody.MediaOnly();
        return new Message(item.get(CONVERSATION_ID).s(), Long.parseLong(item.get(SEQ).n()), item.get(SENDER_ID).s(),
                item.get(SENDER_DEVICE_ID).s(), item.get(CLIENT_MESSAGE_ID).s(),
                Instant.ofEpochMilli(Long.parseLong(item.get(SENT_AT).n())), body,
                item.containsKey(REPLY_TO_SEQ) ? Long.valueOf(item.get(REPLY_TO_SEQ).n()) : null,
                item.containsKey(MEDIA) ? descriptors(item.get(MEDIA).s()) : List.of(),
                item.containsKey(SENDER_DEVICE_NUM) ? Integer.valueOf(item.get(SENDER_DEVICE_NUM).n()) : null);
    }

    private static AttributeValue envelope(Envelope envelope) {
        return AttributeValue.fromM(Map.of(
                ENVELOPE_USER, AttributeValue.fromS(envelope.userId()),
                ENVELOPE_DEVICE_ID, AttributeValue.fromS(envelope.deviceId()),
                ENVELOPE_DEVICE_NUM, number(envelope.deviceNum()),
                ENVELOPE_REGISTRATION_ID, number(envelope.registrationId()),
                ENVELOPE_TYPE, AttributeValue.fromS(envelope.type().wire()),
                ENVELOPE_CIPHERTEXT, AttributeValue.fromB(SdkBytes.fromByteArray(Base64.getDecoder().decode(envelope.ciphertext())))));
    }

    private static Envelope envelope(AttributeValue stored) {
        Map<String, AttributeValue> m = stored.m();
        return new Envelope(m.get(ENVELOPE_USER).s(), Integer.parseInt(m.get(ENVELOPE_DEVICE_NUM).n()),
                Integer.parseInt(m.get(ENVELOPE_REGISTRATION_ID).n()), Envelope.Type.valueOf(m.get(ENVELOPE_TYPE).s().toUpperCase(java.util.Locale.ROOT)),
                Base64.getEncoder().encodeToString(m.get(ENVELOPE_CIPHERTEXT).b().asByteArray()), m.get(ENVELOPE_DEVICE_ID).s());
    }

    private static String json(List<MediaDescriptor> media) {
        try {
            return ProtocolCodec.instance().mapper().writeValueAsString(media);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("media descriptors are plain records", e);
        }
    }

    private static List<MediaDescriptor> descriptors(String json) {
        try {
            return ProtocolCodec.instance().mapper().readValue(json, DESCRIPTORS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored message's media is not the JSON this class writes", e);
        }
    }

    private static ConversationTail.Recent recent(Map<String, AttributeValue> item) {
        return new ConversationTail.Recent(
                seqOf(item),
                item.get(SENDER_ID).s(),
                item.get(SENDER_DEVICE_ID).s(),
                item.get(CLIENT_MESSAGE_ID).s(),
                Instant.ofEpochMilli(Long.parseLong(item.get(SENT_AT).n())));
    }

    private static long seqOf(Map<String, AttributeValue> item) {
        return Long.parseLong(item.get(SEQ).n());
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
