package dev.parley.functions.domain.conversation;

import dev.parley.functions.domain.Actor;
import dev.parley.functions.domain.delivery.FanOut;
import dev.parley.functions.log.JsonLogger;
import dev.parley.model.ProtocolCodec;
import dev.parley.model.v1.Actions;
import dev.parley.model.v1.ConversationEvent;
import dev.parley.model.v1.ConversationSummary;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code conversation} events a change causes, posted to every live device of the users
 * concerned except the connection that made the change (it gets the reply).
 *
 * <p>One frame goes to many users, so an event carries a summary only where it is the same for
 * all of them: to the members of a new conversation (grouped by role; nothing is unread yet)
 * and to new members (role member, nothing read yet). Members whose own cursor and role did not
 * change get the change and the users it affected, without a summary.
 */
public final class ConversationEvents {
    static final String CREATED = "created";
    static final String MEMBERS_ADDED = "membersAdded";
    static final String MEMBERS_REMOVED = "membersRemoved";
    static final String REMOVED = "removed";
    static final String LEFT = "left";
    static final String ACCOUNT_DELETED = "accountDeleted";
    static final String ROLE_CHANGED = "roleChanged";
    static final String SETTINGS_CHANGED = "settingsChanged";

    private static final JsonLogger LOG = JsonLogger.of(ConversationEvents.class);

    private final FanOut fanOut;
    private final MemberRowTouches touches;
    private final Clock clock;

    public ConversationEvents(FanOut fanOut) {
        this(fanOut, MemberRowTouches.none(), Clock.systemUTC());
    }

    /** Also marks the rows of members who stay changed, so their other devices' next sync reports the new member list. */
    public ConversationEvents(FanOut fanOut, MemberRowTouches touches, Clock clock) {
        this.fanOut = fanOut;
        this.touches = touches;
        this.clock = clock;
    }

    void created(Conversation conversation, Actor by) {
        for (Role role : Role.values()) {
            Set<String> users = new TreeSet<>(conversation.members());
            users.removeIf(userId -> conversation.roleOf(userId) != role);
            if (!users.isEmpty()) {
                send(users, by, event(conversation, CREATED, by.userId(), null, conversation.summaryFor(users.iterator().next(), 0)));
            }
        }
    }

    /**
     * The members of {@code before} (none when it was large: a large group's members are not told
     * of each join) learn who joined; the newcomers get the conversation as they now see it.
     */
    void membersAdded(Conversation before, Conversation after, Set<String> added, Actor by) {
        Set<String> earlier = new TreeSet<>(before.members());
        earlier.removeAll(added);
        touch(after.conversationId(), earlier);
        send(earlier, by, event(after, MEMBERS_ADDED, by.userId(), added, null));
        send(added, by, event(after, MEMBERS_ADDED, by.userId(), added, after.summaryFor(added.iterator().next(), 0)));
    }

    /** The members who stay learn who went; each removed user's devices learn they were removed. */
    void membersRemoved(Conversation after, Set<String> removed, Actor by) {
        touch(after.conversationId(), after.members());
        send(after.members(), by, event(after, MEMBERS_REMOVED, by.userId(), removed, null));
        send(removed, by, event(after, REMOVED, by.userId(), removed, null));
    }

    /** The members who stay, and the leaver's other devices. */
    void left(Conversation after, Actor leaver) {
        touch(after.conversationId(), after.members());
        Set<String> users = new TreeSet<>(after.members());
        users.add(leaver.userId());
        send(users, leaver, event(after, LEFT, leaver.userId(), Set.of(leaver.userId()), null));
    }

    /** The members who stay learn that the user's account is gone; the user's own sockets are being closed. */
    void accountDeleted(Conversation after, Actor deleted) {
        touch(after.conversationId(), after.members());
        send(after.members(), deleted, event(after, ACCOUNT_DELETED, deleted.userId(), Set.of(deleted.userId()), null));
    }

    /**
     * A small group's members learn whose role changed ({@code members}: that user; {@code by}: who changed it);
     * in a large group only that user's devices do. Each asks getConversation for their own summary if they need it.
     */
    void roleChanged(Conversation after, String userId, Actor by) {
        send(after.large() ? Set.of(userId) : after.members(), by, event(after, ROLE_CHANGED, by.userId(), Set.of(userId), null));
    }

    /** A small group's members learn that its title or post policy changed; a large group's are not told one by one. */
    void settingsChanged(Conversation after, Actor by) {
        if (!after.large()) {
            send(after.members(), by, event(after, SETTINGS_CHANGED, by.userId(), null, null));
        }
    }

    /** Best effort (1 write unit per member, in parallel): a failure is logged; the change itself is stored. */
    private void touch(String conversationId, Collection<String> members) {
        if (members.isEmpty()) {
            return;
        }
        try {
            touches.touch(conversationId, members, clock.instant());
        } catch (RuntimeException e) {
            LOG.error("member rows not touched", JsonLogger.fields("conversationId", conversationId), e);
        }
    }

    private void send(Collection<String> userIds, Actor by, ConversationEvent event) {
        if (!userIds.isEmpty()) {
            fanOut.send(userIds, by.connectionId(), ProtocolCodec.instance().event(Actions.CONVERSATION_EVENT, event));
        }
    }

    private static ConversationEvent event(Conversation conversation, String change, String by,
                                           Set<String> members, ConversationSummary summary) {
        List<String> affected = members == null ? null : List.copyOf(new TreeSet<>(members));
        return new ConversationEvent(conversation.conversationId(), change, by, affected, summary);
    }
}
