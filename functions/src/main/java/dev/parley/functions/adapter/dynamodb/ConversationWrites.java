package dev.parley.functions.adapter.dynamodb;

import dev.parley.functions.domain.conversation.Conversation;
import dev.parley.functions.domain.conversation.Membership;
import dev.parley.functions.domain.conversation.MembershipChange;
import dev.parley.functions.domain.conversation.Role;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.parley.functions.adapter.dynamodb.DynamoDbConversationRepository.ADMINS;
import static dev.parley.functions.adapter.dynamodb.DynamoDbConversationRepository.CREATED_AT;
import static dev.parley.functions.adapter.dynamodb.DynamoDbConversationRepository.CREATED_BY;
import static dev.parley.functions.adapter.dynamodb.DynamoDbConversationRepository.DELIVERED_SEQ;
import static dev.parley.functions.adapter.dynamodb.DynamoDbConversationRepository.JOINED_AT;
import static dev.parley.functions.adapter.dynamodb.DynamoDbConversationRepository.READ_SEQ;
import static dev.parley.functions.adapter.dynamodb.DynamoDbConversationRepository.ROLE;
import static dev.parley.functions.adapter.dynamodb.DynamoDbConversationRepository.TITLE;
import static dev.parley.functions.adapter.dynamodb.DynamoDbConversationRepository.USER_ID;
import static dev.parley.functions.adapter.dynamodb.DynamoDbMessageRepository.CONVERSATION_ID;
import static dev.parley.functions.adapter.dynamodb.DynamoDbMessageRepository.E2EE;
import static dev.parley.functions.adapter.dynamodb.DynamoDbMessageRepository.HEADER_SEQ;
import static dev.parley.functions.adapter.dynamodb.DynamoDbMessageRepository.KIND;
import static dev.parley.functions.adapter.dynamodb.DynamoDbMessageRepository.MEMBERS;
import static dev.parley.functions.adapter.dynamodb.DynamoDbMessageRepository.SEQ;

/**
 * The items of the one TransactWriteItems that creates a conversation or changes its membership:
 * the header and the membership rows, each with the condition the decision rested on (layout in
 * {@link DynamoDbConversationRepository}). Header + 64 rows stays within the 100 items a
 * transaction takes.
 */
final class ConversationWrites {
    private final String messagesTable;
    private final String membershipsTable;

    ConversationWrites(String messagesTable, String membershipsTable) {
        this.messagesTable = messagesTable;
        this.membershipsTable = membershipsTable;
    }

    /** The header, only if no conversation has the id, and a row per member, joined at its creation. */
    List<TransactWriteItem> creation(Conversation conversation) {
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(TransactWriteItem.builder().put(put -> put
                .tableName(messagesTable)
                .item(header(conversation))
                .conditionExpression("attribute_not_exists(#id)")
                .expressionAttributeNames(Map.of("#id", CONVERSATION_ID))).build());
        for (String userId : conversation.members()) {
            Membership membership = Membership.joined(userId, conversation.conversationId(),
                    conversation.roleOf(userId), conversation.createdAt());
            items.add(TransactWriteItem.builder().put(put -> put
                    .tableName(membershipsTable)
                    .item(membershipItem(membership))).build());
        }
        return items;
    }

    List<TransactWriteItem> of(MembershipChange change) {
        return switch (change) {
            case MembershipChange.Add add -> adding(add);
            case MembershipChange.Remove remove -> removing(remove);
            case MembershipChange.Leave leave -> leaving(leave);
        };
    }

    /** Header: the newcomers join while the adder is an admin and the group has room. Rows: new, none there before. */
    private List<TransactWriteItem> adding(MembershipChange.Add add) {
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(headerUpdate(add.conversationId(), "ADD #members :users",
                "contains(#admins, :by) AND size(#members) <= :room",
                Map.of(":users", AttributeValue.fromSs(List.copyOf(add.userIds())),
                        ":by", AttributeValue.fromS(add.by()),
                        ":room", number(add.maxMembers() - add.userIds().size()))));
        for (String userId : add.userIds()) {
            Membership membership = Membership.joined(userId, add.conversationId(), Role.MEMBER, add.joinedAt());
            items.add(TransactWriteItem.builder().put(put -> put
                    .tableName(membershipsTable)
                    .item(membershipItem(membership))
                    .conditionExpression("attribute_not_exists(#id)")
                    .expressionAttributeNames(Map.of("#id", CONVERSATION_ID))).build());
        }
        return items;
    }

    /** Header: they go (from admins too) while the remover is an admin. Rows: each must still be there. */
    private List<TransactWriteItem> removing(MembershipChange.Remove remove) {
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(headerUpdate(remove.conversationId(), "DELETE #members :users, #admins :users",
                "contains(#admins, :by)",
                Map.of(":users", AttributeValue.fromSs(List.copyOf(remove.userIds())),
                        ":by", AttributeValue.fromS(remove.by()))));
        remove.userIds().forEach(userId -> items.add(membershipDelete(userId, remove.conversationId())));
        return items;
    }

    /**
     * Header conditions by standing: a member must not have become an admin; an admin leaving
     * beside others needs another admin to remain (two admins leaving at once: the second is
     * refused and, deciding again, promotes an heir); the last admin hands over to the heir, who
     * must still be a member; the last member must still be alone.
     */
    private List<TransactWriteItem> leaving(MembershipChange.Leave leave) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":me", AttributeValue.fromS(leave.userId()));
        values.put(":meSet", AttributeValue.fromSs(List.of(leave.userId())));
        String update = "DELETE #members :meSet, #admins :meSet";
        String condition = "contains(#members, :me) AND ";
        switch (leave.standing()) {
            case MEMBER -> {
                update = "DELETE #members :meSet";
                condition += "NOT contains(#admins, :me)";
            }
            case ONE_OF_SEVERAL_ADMINS -> {
                condition += "contains(#admins, :me) AND size(#admins) > :one";
                values.put(":one", number(1));
            }
            case LAST_ADMIN -> {
                update = "DELETE #members :meSet SET #admins = :heirSet";
                condition += "contains(#admins, :me) AND size(#admins) = :one AND contains(#members, :heir)";
                values.put(":one", number(1));
                values.put(":heir", AttributeValue.fromS(leave.heir()));
                values.put(":heirSet", AttributeValue.fromSs(List.of(leave.heir())));
            }
            case LAST_MEMBER -> {
                condition += "size(#members) = :one";
                values.put(":one", number(1));
            }
        }
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(headerUpdate(leave.conversationId(), update, condition, values));
        items.add(membershipDelete(leave.userId(), leave.conversationId()));
        if (leave.heir() != null) {
            items.add(TransactWriteItem.builder().update(row -> row
                    .tableName(membershipsTable)
                    .key(membershipKey(leave.heir(), leave.conversationId()))
                    .updateExpression("SET #role = :admin")
                    .conditionExpression("attribute_exists(#id)")
                    .expressionAttributeNames(Map.of("#role", ROLE, "#id", CONVERSATION_ID))
                    .expressionAttributeValues(Map.of(":admin", AttributeValue.fromS(Role.ADMIN.value())))).build());
        }
        return items;
    }

    private TransactWriteItem headerUpdate(String conversationId, String update, String condition,
                                           Map<String, AttributeValue> values) {
        return TransactWriteItem.builder().update(header -> header
                .tableName(messagesTable)
                .key(Map.of(CONVERSATION_ID, AttributeValue.fromS(conversationId), SEQ, number(HEADER_SEQ)))
                .updateExpression(update)
                .conditionExpression(condition)
                .expressionAttributeNames(Map.of("#members", MEMBERS, "#admins", ADMINS))
                .expressionAttributeValues(values)).build();
    }

    private TransactWriteItem membershipDelete(String userId, String conversationId) {
        return TransactWriteItem.builder().delete(row -> row
                .tableName(membershipsTable)
                .key(membershipKey(userId, conversationId))
                .conditionExpression("attribute_exists(#id)")
                .expressionAttributeNames(Map.of("#id", CONVERSATION_ID))).build();
    }

    private static Map<String, AttributeValue> header(Conversation conversation) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(CONVERSATION_ID, AttributeValue.fromS(conversation.conversationId()));
        item.put(SEQ, number(HEADER_SEQ));
        item.put(KIND, AttributeValue.fromS(conversation.kind().value()));
        if (conversation.title() != null) {
            item.put(TITLE, AttributeValue.fromS(conversation.title()));
        }
        item.put(E2EE, AttributeValue.fromBool(conversation.e2ee()));
        item.put(MEMBERS, AttributeValue.fromSs(List.copyOf(conversation.members())));
        if (!conversation.admins().isEmpty()) {
            item.put(ADMINS, AttributeValue.fromSs(List.copyOf(conversation.admins())));
        }
        item.put(CREATED_AT, number(conversation.createdAt().toEpochMilli()));
        item.put(CREATED_BY, AttributeValue.fromS(conversation.createdBy()));
        return item;
    }

    private static Map<String, AttributeValue> membershipItem(Membership membership) {
        Map<String, AttributeValue> item = new HashMap<>(membershipKey(membership.userId(), membership.conversationId()));
        item.put(ROLE, AttributeValue.fromS(membership.role().value()));
        item.put(JOINED_AT, number(membership.joinedAt().toEpochMilli()));
        item.put(READ_SEQ, number(membership.readSeq()));
        item.put(DELIVERED_SEQ, number(membership.deliveredSeq()));
        return item;
    }

    static Map<String, AttributeValue> membershipKey(String userId, String conversationId) {
        return Map.of(USER_ID, AttributeValue.fromS(userId), CONVERSATION_ID, AttributeValue.fromS(conversationId));
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
