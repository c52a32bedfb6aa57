package dev.parley.functions.domain.conversation;


import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The end of a conversation's timeline, as one read returns it: the conversation's header
 * (kind, E2EE, members) and its newest messages, enough to authorize a send, number it and
 * recognise a client's retry.
 *
 * @param lastSeq the highest stored seq, 0 before the first message
 * @param recent  the newest messages, newest first; at most the dedupe window
 * @param large      a large conversation: {@code members} is empty, its members are rows
 * @param postPolicy who may post: everyone, or only {@code admins}
 * @param admins     the group's admins (its owner among them), on either tier
 * @param membersEpoch the header's membership epoch ({@link Conversation#membersEpoch()})
 */
public record ConversationTail(String conversationId, Kind kind, boolean e2ee, Set<String> members,
                               long lastSeq, List<Recent> recent, boolean large, PostPolicy postPolicy, Set<String> admins,
                               long membersEpoch) {

    public ConversationTail {
        members = Set.copyOf(members);
        recent = List.copyOf(recent);
        admins = Set.copyOf(admins);
    }

    /** The tail of a conversation whose membership never changed. */
    public ConversationTail(String conversationId, Kind kind, boolean e2ee, Set<String> members, long lastSeq, List<Recent> recent,
                            boolean large, PostPolicy postPolicy, Set<String> admins) {
        this(conversationId, kind, e2ee, members, lastSeq, recent, large, postPolicy, admins, 0);
    }

    /** The tail of a conversation in which everyone may post. */
    public ConversationTail(String conversationId, Kind kind, boolean e2ee, Set<String> members, long lastSeq, List<Recent> recent,
                            boolean large) {
        this(conversationId, kind, e2ee, members, lastSeq, recent, large, PostPolicy.EVERYONE, Set.of());
    }

    /** Whether {@code userId}, a member, may post: everyone may, unless only admins post (an announcement group). */
    public boolean mayPost(String userId) {
        return postPolicy == PostPolicy.EVERYONE || admins.contains(userId);
    }

    /** The tail of a small conversation. */
    public ConversationTail(String conversationId, Kind kind, boolean e2ee, Set<String> members, long lastSeq, List<Recent> recent) {
        this(conversationId, kind, e2ee, members, lastSeq, recent, false);
    }

    public boolean hasMember(String userId) {
        return members.contains(userId);
    }

    /** The stored message that an earlier attempt of this same send produced, if it is in the window. */
    public Optional<Recent> earlierAttempt(String senderId, String senderDeviceId, String clientMessageId) {
        return recent.stream()
                .filter(message -> message.senderId().equals(senderId)
                        && message.senderDeviceId().equals(senderDeviceId)
                        && message.clientMessageId().equals(clientMessageId))
                .findFirst();
    }

    /** What a send needs to know of a recent message: who sent it under which client id, and where it landed. */
    public record Recent(long seq, String senderId, String senderDeviceId, String clientMessageId, Instant sentAt) {
    }
}
