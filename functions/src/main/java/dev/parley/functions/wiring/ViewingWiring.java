package dev.parley.functions.wiring;

import dev.parley.functions.adapter.dynamodb.DynamoDbViewingState;
import dev.parley.functions.adapter.dynamodb.DynamoDbViewers;
import dev.parley.functions.config.ConnectionsConfig;
import dev.parley.functions.config.ViewersConfig;
import dev.parley.functions.domain.conversation.RecentRemovals;
import dev.parley.functions.domain.viewing.ActivityRounds;
import dev.parley.functions.domain.viewing.Viewers;
import dev.parley.functions.domain.sync.History;
import dev.parley.functions.domain.viewing.ConversationMembers;
import dev.parley.functions.domain.viewing.ViewConversation;
import dev.parley.functions.domain.viewing.Watchers;

/**
 * Who views which conversation, kept in the connections table: viewConversation (the activity
 * function), and for a large conversation's fan-out the sockets with their viewing state
 * ({@link #watchers()}); the activity rounds that limit conversationActivity ({@link #activityRounds()}).
 */
public final class ViewingWiring {
    private final CompositionRoot root;
    private final Lazy<DynamoDbViewingState> state;
    private final Lazy<DynamoDbViewers> viewers;

    ViewingWiring(CompositionRoot root) {
        this.root = root;
        this.state = new Lazy<>(() -> {
            ConnectionsConfig config = ConnectionsConfig.from(root.environment());
            return new DynamoDbViewingState(root.aws(config.region()).dynamoDb(), config.connectionsTable(), root.clock());
        });
        this.viewers = new Lazy<>(() -> {
            ViewersConfig config = ViewersConfig.from(root.environment());
            return new DynamoDbViewers(root.aws(config.region()).dynamoDb(), config.viewersTable());
        });
    }

    /** viewConversation: membership as history and typing check it (the conversation's tail), then the caller's connections item. */
    public ViewConversation viewConversation() {
        return new ViewConversation(members(), state.get(), viewers.get(), root.clock());
    }

    /** Each conversation's viewing sockets, kept under the conversation in the viewers table. */
    public Viewers viewers() {
        return viewers.get();
    }

    /** Who left a large conversation lately: markers in the viewers table, read once per fan-out page. */
    public RecentRemovals removals() {
        return viewers.get();
    }

    /** At most one activity round per large conversation per 30 s: the round item in the viewers table. */
    public ActivityRounds activityRounds() {
        return viewers.get();
    }

    /** A fan-out's read of the members' sockets with what each views: the connections items, 100 users a BatchGetItem. */
    public Watchers watchers() {
        return state.get();
    }

    private ConversationMembers members() {
        return (userId, conversationId) -> History.requireMember(root.messages(), root.memberRows(), userId, conversationId);
    }
}
