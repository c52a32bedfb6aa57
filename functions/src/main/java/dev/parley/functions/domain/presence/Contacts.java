package dev.parley.functions.domain.presence;

import dev.parley.functions.domain.conversation.Conversation;
import dev.parley.functions.domain.sync.MemberCursors;
import dev.parley.functions.domain.sync.MemberState;
import dev.parley.functions.domain.sync.Timeline;

import java.util.Set;
import java.util.TreeSet;

/**
 * Domain service: a user's contacts, everyone who shares a conversation with them, the only people
 * who may see their presence. Cost grows with the user's conversations: 1 Query of their rows
 * (about 1 read unit per 100) + 1 BatchGetItem of the headers per 100 conversations.
 */
public final class Contacts {
    private final MemberCursors rows;
    private final Timeline timeline;

    public Contacts(MemberCursors rows, Timeline timeline) {
        this.rows = rows;
        this.timeline = timeline;
    }

    /** The members of the user's conversations, the user excluded. */
    public Set<String> of(String userId) {
        var ids = rows.of(userId).stream().map(MemberState::conversationId).toList();
        Set<String> contacts = new TreeSet<>();
        if (ids.isEmpty()) {
            return contacts;
        }
        for (Conversation conversation : timeline.headers(ids).values()) {
            if (conversation.isMember(userId)) {
                contacts.addAll(conversation.members());
            }
        }
        contacts.remove(userId);
        return contacts;
    }
}
