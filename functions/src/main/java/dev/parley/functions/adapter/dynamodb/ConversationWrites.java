package dev.parley.functions.adapter.dynamodb;

import dev.parley.functions.domain.conversation.Conversation;
import dev.parley.functions.domain.conversation.PostPolicy;
import dev.parley.functions.domain.conversation.Membership;
import dev.parley.functions.domain.conversation.MembershipChange;
import dev.parley.functions.domain.conversation.Role;
import dev.parley.functions.domain.conversation.Tier;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.parley.functions.adapter.dynamodb.DynamoDbConversationRepository.ADMINS;
import static dev.parley.functions.adapter.dynamodb.DynamoDbConversationRepository.CREATED_AT;
import static dev.parley.functions.adapter.dynamodb.DynamoDbConversationRepository.CREATED_BY;
import static dev.parley.functions.adapter.dynamodb.DynamoDbConversationRepository.DELIVERED_SEQ;
import static dev.parley.functions.adapter.dynamodb.DynamoDbConversationRepository.JOINED_AT;
import static dev.parley.functions.adapter.dynamodb.DynamoDbConversationRepository.OWNER;
import static dev.parley.functions.adapter.dynamodb.DynamoDbConversationRepository.POST_POLICY;
import static dev.parley.functions.adapter.dynamodb.DynamoDbConversationRepository.READ_SEQ;
import static dev.parley.functions.adapter.dynamodb.DynamoDbConversationRepository.ROLE;
import static dev.parley.functions.adapter.dynamodb.DynamoDbConversationRepository.TITLE;
import static dev.parley.functions.adapter.dynamodb.DynamoDbConversationRepository.UPDATED_AT;
import static dev.parley.functions.adapter.dynamodb.DynamoDbConversationRepository.USER_ID;
import static dev.parley.functions.adapter.dynamodb.DynamoDbMessageRepository.CONVERSATION_ID;
import static dev.parley.functions.adapter.dynamodb.DynamoDbMessageRepository.E2EE;
import static dev.parley.functions.adapter.dynamodb.DynamoDbMessageRepository.HEADER_SEQ;
import static dev.parley.functions.adapter.dynamodb.DynamoDbMessageRepository.KIND;
import static dev.parley.functions.adapter.dynamodb.DynamoDbMessageRepository.MEMBERS;
import static dev.parley.functions.adapter.dynamodb.DynamoDbMessageRepository.SEQ;
import static dev.parley.functions.adapter.dynamodb.DynamoDbMessageRepository.MEMBER_COUNT;
import static dev.parley.functions.adapter.dynamodb.DynamoDbMessageRepository.MEMBERS_EPOCH;
import static dev.parley.functions.adapter.dynamodb.DynamoDbMessageRepository.TIER;

/**
 * The items of the one TransactWriteItems that creates a conversation or changes its membership:
 * the header and the membership rows, each with the condition the decision rested on (layout in
 * {@link DynamoDbConversationRepository}). Header + 64 rows, or header + the 99 rows of one
 * addMembers, stays within the 100 items a transaction takes.
 *
 * <p>A large conversation's header keeps no member set: its changes move the {@code memberCount}
 * with ADD (concurrent changes compose) under a condition that it is still large, and its rows'
 * conditions (a newcomer's row absent, a leaver's row present) are what says who is a member.
 * Every membership change, on either tier, adds one to the header's {@code membersEpoch}.
 */
final class ConversationWrites {
    /**
     * Opens every condition of a change decided on a small header: a switch to large since then
     * refuses it (the use case reads again), instead of editing a member set that is gone.
     */
    private static final String SMALL = "attribute_not_exists(#tier) AND ";
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

    /** A change that takes nobody out of a large conversation (an add, a switch to large, a small group's removal or leave). */
    List<TransactWriteItem> of(MembershipChange change) {
        return of(change, ReadCountTakeBack.NONE);
    }

    /** The change; its leavers of a large conversation taken out of the read counts as {@code counts} read them. */
    List<TransactWriteItem> of(MembershipChange change, ReadCountTakeBack counts) {
        List<TransactWriteItem> items = new ArrayList<>(switch (change) {
            case MembershipChange.Add add when add.tier() == Tier.LARGE -> addingToLarge(add);
            case MembershipChange.Add add -> adding(add);
            case MembershipChange.Grow grow -> growing(grow);
            case MembershipChange.Remove remove when remove.tier() == Tier.LARGE -> removingFromLarge(remove, counts);
            case MembershipChange.Remove remove -> removing(remove);
            case MembershipChange.Leave leave -> leaving(leave, counts);
        });
        items.addAll(counts.shardUpdates());
        return items;
    }

    /** A member's row says their new role, and must exist: a user who left meanwhile refuses the change. */
    TransactWriteItem roleUpdate(String userId, String conversationId, Role role) {
        return TransactWriteItem.builder().update(row -> row
                .tableName(membershipsTable)
                .key(membershipKey(userId, conversationId))
                .updateExpression("SET #role = :role")
                .conditionExpression("attribute_exists(#id)")
                .expressionAttributeNames(Map.of("#role", ROLE, "#id", CONVERSATION_ID))
                .expressionAttributeValues(Map.of(":role", AttributeValue.fromS(role.value())))).build();
    }

    /** Header: still large, the adder an admin, room for the newcomers; the count grows by them. Rows: new. */
    private List<TransactWriteItem> addingToLarge(MembershipChange.Add add) {
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(membershipHeader(add.conversationId(), "ADD #count :k",
                "#tier = :large AND contains(#admins, :by) AND #count <= :room",
                Map.of(":k", number(add.userIds().size()),
                        ":large", AttributeValue.fromS(Tier.LARGE.value()),
                        ":by", AttributeValue.fromS(add.by()),
                        ":room", number(add.maxMembers() - add.userIds().size()))));
        items.addAll(newRows(add.conversationId(), add.userIds(), add.joinedAt(), true));
        return items;
    }

    /**
     * The switch from small to large, in one transaction: the header drops its member set and
     * counts the members instead, while it is still small with exactly the members the decision
     * counted and the adder an admin; the newcomers' rows are new. Every earlier member has had a
     * row since they joined, so a send that reads the header after this finds them in the rows.
     */
    private List<TransactWriteItem> growing(MembershipChange.Grow grow) {
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(membershipHeader(grow.conversationId(), "REMOVE #members SET #tier = :large, #count = :count",
                "attribute_not_exists(#tier) AND contains(#admins, :by) AND size(#members) = :before",
                Map.of(":large", AttributeValue.fromS(Tier.LARGE.value()),
                        ":count", number(grow.membersBefore() + grow.userIds().size()),
                        ":by", AttributeValue.fromS(grow.by()),
                        ":before", number(grow.membersBefore()))));
        items.addAll(newRows(grow.conversationId(), grow.userIds(), grow.joinedAt(), true));
        // A small conversation's reads set countedSeq too, counted nowhere: from now on the shards count it.
        grow.earlier().forEach(userId -> items.add(TransactWriteItem.builder().update(row -> row
                .tableName(membershipsTable)
                .key(membershipKey(userId, grow.conversationId()))
                .updateExpression("SET #tier = :large, #updated = :now REMOVE #counted")
                .conditionExpression("attribute_exists(#id)")
                .expressionAttributeNames(Map.of("#tier", TIER, "#updated", UPDATED_AT, "#id", CONVERSATION_ID,
                        "#counted", DynamoDbReadCounts.COUNTED_SEQ))
                .expressionAttributeValues(Map.of(":large", AttributeValue.fromS(Tier.LARGE.value()),
                        ":now", number(grow.joinedAt().toEpochMilli())))).build()));
        return items;
    }

    /**
     * Header: the remover is an admin; the count drops, they leave the admins. Rows: each must still be there,
     * counted where {@code counts} read it.
     */
    private List<TransactWriteItem> removingFromLarge(MembershipChange.Remove remove, ReadCountTakeBack counts) {
        List<TransactWriteItem> items = new ArrayList<>();
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":minus", number(-remove.userIds().size()),
                ":users", AttributeValue.fromSs(List.copyOf(remove.userIds())),
                ":large", AttributeValue.fromS(Tier.LARGE.value()),
                ":by", AttributeValue.fromS(remove.by())));
        items.add(membershipHeader(remove.conversationId(), "ADD #count :minus DELETE #admins :users",
                "#tier = :large AND contains(#admins, :by)" + notOwner(remove.userIds(), values), values));
        remove.userIds().forEach(userId -> items.add(membershipDelete(userId, remove.conversationId(), counts.countedAt(userId))));
        return items;
    }

    /** A condition that none of {@code userIds} is the owner (who cannot be removed, only leave), its values added. */
    private static String notOwner(Collection<String> userIds, Map<String, AttributeValue> values) {
        List<String> placeholders = new ArrayList<>();
        for (String userId : userIds) {
            String placeholder = ":u" + placeholders.size();
            placeholders.add(placeholder);
            values.put(placeholder, AttributeValue.fromS(userId));
        }
        return " AND (attribute_not_exists(#owner) OR NOT (#owner IN (" + String.join(", ", placeholders) + ")))";
    }

    /** @param large whether the rows are marked large ({@code tier}), which tells sync where their last seq is */
    private List<TransactWriteItem> newRows(String conversationId, Collection<String> userIds, Instant joinedAt, boolean large) {
        return userIds.stream().map(userId -> {
            Membership membership = Membership.joined(userId, conversationId, Role.MEMBER, joinedAt);
            Map<String, AttributeValue> item = new HashMap<>(membershipItem(membership));
            if (large) {
                item.put(TIER, AttributeValue.fromS(Tier.LARGE.value()));
            }
            return TransactWriteItem.builder().put(put -> put
                    .tableName(membershipsTable)
                    .item(item)
                    .conditionExpression("attribute_not_exists(#id)")
                    .expressionAttributeNames(Map.of("#id", CONVERSATION_ID))).build();
        }).toList();
    }

    /** Header: the newcomers join while the adder is an admin and the group has room. Rows: new, none there before. */
    private List<TransactWriteItem> adding(MembershipChange.Add add) {
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(membershipHeader(add.conversationId(), "ADD #members :users",
                SMALL + "contains(#admins, :by) AND size(#members) <= :room",
                Map.of(":users", AttributeValue.fromSs(List.copyOf(add.userIds())),
                        ":by", AttributeValue.fromS(add.by()),
                        ":room", number(add.maxMembers() - add.userIds().size()))));
        items.addAll(newRows(add.conversationId(), add.userIds(), add.joinedAt(), false));
        return items;
    }

    /** Header: they go (from admins too) while the remover is an admin. Rows: each must still be there. */
    private List<TransactWriteItem> removing(MembershipChange.Remove remove) {
        List<TransactWriteItem> items = new ArrayList<>();
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":users", AttributeValue.fromSs(List.copyOf(remove.userIds())),
                ":by", AttributeValue.fromS(remove.by())));
        items.add(membershipHeader(remove.conversationId(), "DELETE #members :users, #admins :users",
                SMALL + "contains(#admins, :by)" + notOwner(remove.userIds(), values), values));
        remove.userIds().forEach(userId -> items.add(membershipDelete(userId, remove.conversationId())));
        return items;
    }

    /**
     * Header conditions by standing: a member must not have become an admin; an admin leaving
     * beside others needs another admin to remain (two admins leaving at once: the second is
     * refused and, deciding again, promotes an heir); the last admin hands over to the heir, who
     * must still be a member; the last member must still be alone.
     */
    private List<TransactWriteItem> leaving(MembershipChange.Leave leave, ReadCountTakeBack counts) {
        // A small header holds the member set; a large one a count, and the leaver's row (deleted
        // only if there) is their membership.
        boolean large = leave.tier() == Tier.LARGE;
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":me", AttributeValue.fromS(leave.userId()));
        values.put(":meSet", AttributeValue.fromSs(List.of(leave.userId())));
        String out = large ? "ADD #count :minus" : "DELETE #members :meSet";
        String update = large ? out + " DELETE #admins :meSet" : out + ", #admins :meSet";
        String condition = large ? "#tier = :large AND " : SMALL + "contains(#members, :me) AND ";
        if (large) {
            values.put(":minus", number(-1));
            values.put(":large", AttributeValue.fromS(Tier.LARGE.value()));
        }
        switch (leave.standing()) {
            case MEMBER -> {
                update = out;
                condition += "NOT contains(#admins, :me)";
            }
            case ONE_OF_SEVERAL_ADMINS -> {
                condition += "contains(#admins, :me) AND size(#admins) > :one";
                values.put(":one", number(1));
            }
            case LAST_ADMIN -> {
                update = out + " SET #admins = :heirSet";
                condition += "contains(#admins, :me) AND size(#admins) = :one";
                values.put(":one", number(1));
                values.put(":heirSet", AttributeValue.fromSs(List.of(leave.heir())));
                if (!large) {
                    condition += " AND contains(#members, :heir)";
                    values.put(":heir", AttributeValue.fromS(leave.heir()));
                }
            }
            case LAST_MEMBER -> {
                condition += large ? "#count = :one" : "size(#members) = :one";
                values.put(":one", number(1));
            }
        }
        if (leave.owner()) {
            update += " REMOVE #owner";
            condition += " AND #owner = :me";
        } else if (leave.standing() != MembershipChange.Standing.MEMBER) {
            condition += " AND (attribute_not_exists(#owner) OR #owner <> :me)";
        }
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(membershipHeader(leave.conversationId(), update, condition, values));
        items.add(membershipDelete(leave.userId(), leave.conversationId(), counts.countedAt(leave.userId())));
        if (leave.heir() != null) {
            items.add(promotion(leave.heir(), leave.conversationId()));
        }
        return items;
    }

    /** The heir's row says admin, and must exist: an heir who left meanwhile refuses the leave. */
    private TransactWriteItem promotion(String heir, String conversationId) {
        return roleUpdate(heir, conversationId, Role.ADMIN);
    }

    /**
     * A membership change's header update: it also moves the membership epoch by one, in the same write, so a
     * sender-key send that names the epoch its member list belongs to is refused after any change (docs/protocol/e2ee.md).
     * DynamoDB takes each clause once, so the epoch joins an ADD the change already has.
     */
    private TransactWriteItem membershipHeader(String conversationId, String update, String condition,
                                               Map<String, AttributeValue> values) {
        Map<String, AttributeValue> counted = new HashMap<>(values);
        counted.put(":epochStep", number(1));
        String next = update.contains("ADD ") ? update.replaceFirst("ADD ", "ADD #epoch :epochStep, ")
                : update + " ADD #epoch :epochStep";
        return headerUpdate(conversationId, next, condition, counted);
    }

    TransactWriteItem headerUpdate(String conversationId, String update, String condition,
                                           Map<String, AttributeValue> values) {
        return TransactWriteItem.builder().update(header -> header
                .tableName(messagesTable)
                .key(Map.of(CONVERSATION_ID, AttributeValue.fromS(conversationId), SEQ, number(HEADER_SEQ)))
                .updateExpression(update)
                .conditionExpression(condition)
                .expressionAttributeNames(names(update + " " + condition))
                .expressionAttributeValues(values)).build();
    }

    /** The header's attribute names an expression uses: DynamoDB refuses names an expression does not use. */
    private static Map<String, String> names(String expressions) {
        Map<String, String> names = new HashMap<>();
        Map.of("#members", MEMBERS, "#admins", ADMINS, "#tier", TIER, "#count", MEMBER_COUNT, "#owner", OWNER,
                "#policy", POST_POLICY, "#title", TITLE, "#epoch", MEMBERS_EPOCH).forEach((name, attribute) -> {
            if (expressions.contains(name)) {
                names.put(name, attribute);
            }
        });
        return names;
    }

    private TransactWriteItem membershipDelete(String userId, String conversationId) {
        return membershipDelete(userId, conversationId, null);
    }

    /**
     * @param countedAt where the read counts held the member when read before (0: nowhere): the row goes only
     *                  while that still holds; null: a row outside the counts (a small conversation's)
     */
    private TransactWriteItem membershipDelete(String userId, String conversationId, Long countedAt) {
        Map<String, String> names = new HashMap<>(Map.of("#id", CONVERSATION_ID));
        Map<String, AttributeValue> values = new HashMap<>();
        String condition = "attribute_exists(#id)";
        if (countedAt != null) {
            names.put("#counted", DynamoDbReadCounts.COUNTED_SEQ);
            if (countedAt == 0) {
                condition += " AND attribute_not_exists(#counted)";
            } else {
                condition += " AND #counted = :counted";
                values.put(":counted", number(countedAt));
            }
        }
        String expression = condition;
        return TransactWriteItem.builder().delete(row -> row
                .tableName(membershipsTable)
                .key(membershipKey(userId, conversationId))
                .conditionExpression(expression)
                .expressionAttributeNames(names)
                .expressionAttributeValues(values.isEmpty() ? null : values)).build();
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
        if (conversation.owner() != null) {
            item.put(OWNER, AttributeValue.fromS(conversation.owner()));
        }
        if (conversation.postPolicy() != PostPolicy.EVERYONE) {
            item.put(POST_POLICY, AttributeValue.fromS(conversation.postPolicy().value()));
        }
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

    static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
