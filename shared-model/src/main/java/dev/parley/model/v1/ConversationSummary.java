package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;


/**
 * A conversation as one member sees it; {@code unreadCount} is lastSeq minus the member's read cursor.
 *
 * @param role       {@code owner}, {@code admin} or {@code member}: what the member may do (docs/protocol.md, Roles)
 * @param tier       {@code small} or {@code large}: which features the conversation has (docs/protocol.md, Tiers)
 * @param postPolicy a group's {@code everyone} or {@code admins} (an announcement group); absent for a direct one
 * @param membersEpoch a large group's membership epoch, one more with every membership change; absent for a small one
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConversationSummary(String conversationId, String kind, String title, boolean e2ee, int memberCount, long lastSeq,
                                  long lastActivityAt, long unreadCount, String role, String tier, String postPolicy,
                                  Long membersEpoch) {

    public static final String SMALL = "small";
    public static final String LARGE = "large";

    /** A summary without a membership epoch: a small conversation's. */
    public ConversationSummary(String conversationId, String kind, String title, boolean e2ee, int memberCount, long lastSeq,
                               long lastActivityAt, long unreadCount, String role, String tier, String postPolicy) {
        this(conversationId, kind, title, e2ee, memberCount, lastSeq, lastActivityAt, unreadCount, role, tier, postPolicy, null);
    }

    /** A summary without a post policy: a direct conversation's, or one from a server before announcement groups. */
    public ConversationSummary(String conversationId, String kind, String title, boolean e2ee, int memberCount, long lastSeq,
                               long lastActivityAt, long unreadCount, String role, String tier) {
        this(conversationId, kind, title, e2ee, memberCount, lastSeq, lastActivityAt, unreadCount, role, tier, null);
    }

    /** A summary of a small conversation, the only tier before tiers were declared (clients built against v1 use it). */
    public ConversationSummary(String conversationId, String kind, String title, boolean e2ee, int memberCount, long lastSeq,
                               long lastActivityAt, long unreadCount, String role) {
        this(conversationId, kind, title, e2ee, memberCount, lastSeq, lastActivityAt, unreadCount, role, SMALL);
    }
}
