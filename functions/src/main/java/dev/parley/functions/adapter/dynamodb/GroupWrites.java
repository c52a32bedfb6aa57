package dev.parley.functions.adapter.dynamodb;

import dev.parley.functions.domain.conversation.GroupChange;
import dev.parley.functions.domain.conversation.PostPolicy;
import dev.parley.functions.domain.conversation.Role;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The items of the one TransactWriteItems that changes a group's roles or settings: the header (owner, admins,
 * title, postPolicy; layout in {@link DynamoDbConversationRepository}) and the rows whose role changes, each with
 * the condition the decision rested on. The same on both tiers: roles live in the header.
 */
final class GroupWrites {
    private final ConversationWrites conversationWrites;

    GroupWrites(ConversationWrites conversationWrites) {
        this.conversationWrites = conversationWrites;
    }

    List<TransactWriteItem> of(GroupChange change) {
        return switch (change) {
            case GroupChange.SetRole setRole -> settingRole(setRole);
            case GroupChange.Transfer transfer -> transferring(transfer);
            case GroupChange.Settings settings -> List.of(settings(settings));
        };
    }

    /**
     * Header: the appointer still may (owner, or an admin of an ownerless group), the user is not the owner, room for
     * one more admin or one left after. Row: the user's, which must exist (they are a member, on either tier).
     */
    private List<TransactWriteItem> settingRole(GroupChange.SetRole change) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":by", AttributeValue.fromS(change.by()));
        values.put(":user", AttributeValue.fromS(change.userId()));
        values.put(":userSet", AttributeValue.fromSs(List.of(change.userId())));
        String condition = (change.byOwner() ? "#owner = :by" : "attribute_not_exists(#owner) AND contains(#admins, :by)")
                + " AND (attribute_not_exists(#owner) OR #owner <> :user)";
        String update;
        if (change.role() == Role.ADMIN) {
            update = "ADD #admins :userSet";
            condition += " AND (attribute_not_exists(#admins) OR size(#admins) < :max)";
            values.put(":max", ConversationWrites.number(change.maxAdmins()));
        } else {
            update = "DELETE #admins :userSet";
            condition += " AND size(#admins) > :one";
            values.put(":one", ConversationWrites.number(1));
        }
        return List.of(conversationWrites.headerUpdate(change.conversationId(), update, condition, values),
                conversationWrites.roleUpdate(change.userId(), change.conversationId(), change.role()));
    }

    /** Header: the giver still owns it; the taker becomes owner and admin. Rows: both must exist; owner, admin. */
    private List<TransactWriteItem> transferring(GroupChange.Transfer transfer) {
        return List.of(conversationWrites.headerUpdate(transfer.conversationId(), "SET #owner = :user ADD #admins :userSet", "#owner = :by",
                        Map.of(":by", AttributeValue.fromS(transfer.by()),
                                ":user", AttributeValue.fromS(transfer.userId()),
                                ":userSet", AttributeValue.fromSs(List.of(transfer.userId())))),
                conversationWrites.roleUpdate(transfer.userId(), transfer.conversationId(), Role.OWNER),
                conversationWrites.roleUpdate(transfer.by(), transfer.conversationId(), Role.ADMIN));
    }

    /** Header only: the title and policy named, while the setter is an admin; the default policy is stored as absent. */
    private TransactWriteItem settings(GroupChange.Settings settings) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":by", AttributeValue.fromS(settings.by())));
        List<String> sets = new ArrayList<>();
        String remove = "";
        if (settings.title() != null) {
            sets.add("#title = :title");
            values.put(":title", AttributeValue.fromS(settings.title()));
        }
        if (settings.postPolicy() == PostPolicy.ADMINS) {
            sets.add("#policy = :policy");
            values.put(":policy", AttributeValue.fromS(PostPolicy.ADMINS.value()));
        } else if (settings.postPolicy() == PostPolicy.EVERYONE) {
            remove = " REMOVE #policy";
        }
        String update = (sets.isEmpty() ? "" : "SET " + String.join(", ", sets)) + remove;
        return conversationWrites.headerUpdate(settings.conversationId(), update.strip(), "contains(#admins, :by)", values);
    }
}
