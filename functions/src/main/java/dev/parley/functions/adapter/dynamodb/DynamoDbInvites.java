package dev.parley.functions.adapter.dynamodb;

import dev.parley.functions.domain.conversation.ConversationRepository.Outcome;
import dev.parley.functions.domain.conversation.Invite;
import dev.parley.functions.domain.conversation.InviteUse;
import dev.parley.functions.domain.conversation.Invites;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.parley.functions.adapter.dynamodb.DynamoDbMessageRepository.CONVERSATION_ID;
import static dev.parley.functions.adapter.dynamodb.DynamoDbMessageRepository.EXPIRES_AT;
import static dev.parley.functions.adapter.dynamodb.DynamoDbMessageRepository.SEQ;

/**
 * Invite links, in the messages table beside the conversations they admit to, so no new table, index or scan:
 *
 * <pre>
 * invite item   conversationId = "invite#" conversationId, seq = inviteId (N, 1 .. 2^53 - 1),
 *               secretHash (S, hex SHA-256 of the token's secret), createdBy (S), createdAt (N, epoch ms),
 *               validUntil (N, epoch ms), expiresAt (N, epoch s: the table's TTL, validUntil rounded up),
 *               maxUses (N), uses (N), revoked (BOOL, absent unless revoked)
 * </pre>
 * A join reads the invite by its key (GetItem, consistent: 1 read unit) and counts its use as one more item of the
 * join's transaction (2 write units), conditioned on what made it usable; a listing is a Query on the group's invite
 * partition in id order. DynamoDB deletes an invite within days of its expiry; until then it is listed as expired.
 */
public final class DynamoDbInvites implements Invites {
    static final String PREFIX = "invite#";
    private static final String TABLE = "messages table (invites)";
    private static final String SECRET_HASH = "secretHash";
    private static final String CREATED_BY = "createdBy";
    private static final String CREATED_AT = "createdAt";
    private static final String VALID_UNTIL = "validUntil";
    private static final String MAX_USES = "maxUses";
    private static final String USES = "uses";
    private static final String REVOKED = "revoked";

    private final DynamoDbClient dynamoDb;
    private final String messagesTable;

    public DynamoDbInvites(DynamoDbClient dynamoDb, String messagesTable) {
        this.dynamoDb = dynamoDb;
        this.messagesTable = messagesTable;
    }

    @Override
    public Outcome create(Invite invite) {
        Map<String, AttributeValue> item = new HashMap<>(key(invite.conversationId(), invite.inviteId()));
        item.put(SECRET_HASH, AttributeValue.fromS(invite.secretHash()));
        item.put(CREATED_BY, AttributeValue.fromS(invite.createdBy()));
        item.put(CREATED_AT, number(invite.createdAt().toEpochMilli()));
        item.put(VALID_UNTIL, number(invite.expiresAt().toEpochMilli()));
        item.put(EXPIRES_AT, number((invite.expiresAt().toEpochMilli() + 999) / 1000));
        item.put(MAX_USES, number(invite.maxUses()));
        item.put(USES, number(invite.uses()));
        try {
            DynamoDbCalls.call(TABLE, () -> dynamoDb.putItem(put -> put.tableName(messagesTable).item(item)
                    .conditionExpression("attribute_not_exists(#seq)").expressionAttributeNames(Map.of("#seq", SEQ))));
            return Outcome.APPLIED;
        } catch (ConditionalCheckFailedException e) {
            return Outcome.REFUSED;
        }
    }

    @Override
    public Optional<Invite> find(String conversationId, long inviteId) {
        Map<String, AttributeValue> item = DynamoDbCalls.call(TABLE, () -> dynamoDb.getItem(get -> get.tableName(messagesTable)
                .key(key(conversationId, inviteId)).consistentRead(true))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(invite(conversationId, item));
    }

    @Override
    public InvitePage list(String conversationId, Long afterInviteId, int limit) {
        QueryResponse page = DynamoDbCalls.call(TABLE, () -> dynamoDb.query(query -> query.tableName(messagesTable)
                .keyConditionExpression("#id = :id AND #seq > :after")
                .expressionAttributeNames(Map.of("#id", CONVERSATION_ID, "#seq", SEQ))
                .expressionAttributeValues(Map.of(":id", AttributeValue.fromS(PREFIX + conversationId),
                        ":after", number(afterInviteId == null ? 0 : afterInviteId)))
                .limit(limit + 1)));
        List<Invite> invites = page.items().stream().map(item -> invite(conversationId, item)).toList();
        return new InvitePage(invites.subList(0, Math.min(limit, invites.size())), invites.size() > limit);
    }

    @Override
    public Outcome revoke(String conversationId, long inviteId) {
        try {
            DynamoDbCalls.call(TABLE, () -> dynamoDb.updateItem(update -> update.tableName(messagesTable)
                    .key(key(conversationId, inviteId)).updateExpression("SET #revoked = :true")
                    .conditionExpression("attribute_exists(#seq)")
                    .expressionAttributeNames(Map.of("#revoked", REVOKED, "#seq", SEQ))
                    .expressionAttributeValues(Map.of(":true", AttributeValue.fromBool(true)))));
            return Outcome.APPLIED;
        } catch (ConditionalCheckFailedException e) {
            return Outcome.REFUSED;
        }
    }

    /** The join transaction's item that counts one use, holding only while the invite is as the join found it usable. */
    static TransactWriteItem use(String messagesTable, InviteUse use) {
        return TransactWriteItem.builder().update(update -> update.tableName(messagesTable)
                .key(key(use.conversationId(), use.inviteId()))
                .updateExpression("ADD #uses :one")
                .conditionExpression("#hash = :hash AND attribute_not_exists(#revoked) AND #validUntil > :now AND #uses < #maxUses")
                .expressionAttributeNames(Map.of("#uses", USES, "#hash", SECRET_HASH, "#revoked", REVOKED,
                        "#validUntil", VALID_UNTIL, "#maxUses", MAX_USES))
                .expressionAttributeValues(Map.of(":one", number(1), ":hash", AttributeValue.fromS(use.secretHash()),
                        ":now", number(use.at().toEpochMilli())))).build();
    }

    private static Map<String, AttributeValue> key(String conversationId, long inviteId) {
        return Map.of(CONVERSATION_ID, AttributeValue.fromS(PREFIX + conversationId), SEQ, number(inviteId));
    }

    private static Invite invite(String conversationId, Map<String, AttributeValue> item) {
        return new Invite(conversationId, Long.parseLong(item.get(SEQ).n()), item.get(SECRET_HASH).s(), item.get(CREATED_BY).s(),
                Instant.ofEpochMilli(Long.parseLong(item.get(CREATED_AT).n())),
                Instant.ofEpochMilli(Long.parseLong(item.get(VALID_UNTIL).n())),
                Integer.parseInt(item.get(MAX_USES).n()), Integer.parseInt(item.get(USES).n()),
                item.containsKey(REVOKED) && Boolean.TRUE.equals(item.get(REVOKED).bool()));
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
