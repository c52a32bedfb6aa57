package dev.parley.functions.wiring;

import dev.parley.functions.adapter.dynamodb.DynamoDbConversationRepository;
import dev.parley.functions.adapter.dynamodb.DynamoDbInvites;
import dev.parley.functions.adapter.dynamodb.DynamoDbMemberActivity;
import dev.parley.functions.config.MembershipsConfig;
import dev.parley.functions.config.MessagesConfig;
import dev.parley.functions.domain.conversation.AddMembers;
import dev.parley.functions.domain.conversation.ConversationEvents;
import dev.parley.functions.domain.conversation.LeaveEverything;
import dev.parley.functions.domain.conversation.ConversationRepository;
import dev.parley.functions.domain.conversation.CreateConversation;
import dev.parley.functions.domain.conversation.GetConversation;
import dev.parley.functions.domain.conversation.LeaveConversation;
import dev.parley.functions.domain.conversation.ListConversations;
import dev.parley.functions.domain.conversation.ListMembers;
import dev.parley.functions.domain.conversation.MarkedRemovals;
import dev.parley.functions.domain.conversation.RemoveMembers;
import dev.parley.functions.domain.conversation.SetRole;
import dev.parley.functions.domain.conversation.UpdateGroup;
import dev.parley.functions.domain.conversation.CreateInvite;
import dev.parley.functions.domain.conversation.Invites;
import dev.parley.functions.domain.conversation.JoinByInvite;
import dev.parley.functions.domain.conversation.ListInvites;
import dev.parley.functions.domain.conversation.RevokeInvite;
import dev.parley.functions.domain.user.FindUsers;
import dev.parley.model.Limits;
import dev.parley.model.v1.Actions;

import java.util.Map;

/** The conversation actions: findUsers, createConversation, getConversation, listConversations, the membership changes and the roles and settings of groups. */
public final class ConversationsWiring {
    private final CompositionRoot root;
    /** Conversation headers live in the messages table; each user's side of them in the memberships table. */
    private final Lazy<ConversationRepository> conversations;
    /** The events of a membership change, and the touch of the remaining members' rows that sync reads. */
    private final Lazy<ConversationEvents> events;
    private final Lazy<Invites> invites;

    public ConversationsWiring(Map<String, String> environment) {
        this(new CompositionRoot(environment));
    }

    ConversationsWiring(CompositionRoot root) {
        this.root = root;
        this.conversations = new Lazy<>(() -> {
            MessagesConfig messagesConfig = MessagesConfig.from(root.environment());
            // Not ConversationsConfig: deleteAccount's function has no rate limits table.
            MembershipsConfig config = MembershipsConfig.from(root.environment());
            // A large conversation's removals are marked first, for fan-outs already under way.
            return new MarkedRemovals(new DynamoDbConversationRepository(root.aws(config.region()).dynamoDb(),
                    messagesConfig.messagesTable(), config.membershipsTable()), root.viewing().removals(), root.clock());
        });
        this.invites = new Lazy<>(() -> new DynamoDbInvites(
                root.aws(MembershipsConfig.from(root.environment()).region()).dynamoDb(),
                MessagesConfig.from(root.environment()).messagesTable()));
        this.events = new Lazy<>(() -> {
            MembershipsConfig config = MembershipsConfig.from(root.environment());
            return new ConversationEvents(root.fanOut(), new DynamoDbMemberActivity(root.aws(config.region()).dynamoDb(),
                    config.membershipsTable()), root.clock());
        });
    }

    public FindUsers findUsers() {
        return new FindUsers(root.users(), root.perMinuteLimit(Actions.FIND_USERS, Limits.FIND_USERS_PER_MINUTE));
    }

    public CreateConversation createConversation() {
        return new CreateConversation(conversations.get(), events.get(), root.clock());
    }

    public GetConversation getConversation() {
        return new GetConversation(conversations.get());
    }

    public ListConversations listConversations() {
        return new ListConversations(conversations.get());
    }

    public AddMembers addMembers() {
        return new AddMembers(conversations.get(), events.get(), root.clock());
    }

    public RemoveMembers removeMembers() {
        return new RemoveMembers(conversations.get(), events.get());
    }

    public ListMembers listMembers() {
        return new ListMembers(conversations.get(), root.users()::usernames);
    }

    public SetRole setRole() {
        return new SetRole(conversations.get(), events.get());
    }

    public CreateInvite createInvite() {
        return new CreateInvite(conversations.get(), invites.get(), root.clock());
    }

    public JoinByInvite joinByInvite() {
        return new JoinByInvite(conversations.get(), invites.get(), events.get(), root.clock());
    }

    public RevokeInvite revokeInvite() {
        return new RevokeInvite(conversations.get(), invites.get());
    }

    public ListInvites listInvites() {
        return new ListInvites(conversations.get(), invites.get());
    }

    public UpdateGroup updateGroup() {
        return new UpdateGroup(conversations.get(), events.get());
    }

    public LeaveConversation leaveConversation() {
        return new LeaveConversation(conversations.get(), events.get());
    }

    /** deleteAccount's departure from every conversation (the devices function). */
    LeaveEverything leaveEverything() {
        return new LeaveEverything(conversations.get(), events.get());
    }

    public void prime() {
        root.prime();
    }

    /** Runs {@code work} with every AWS call answered offline: SnapStart priming through the handler itself. */
    public void offline(Runnable work) {
        root.offline(work);
    }
}
