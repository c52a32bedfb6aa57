package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;


/**
 * A conversation as one member sees it; {@code unreadCount} is lastSeq minus the member's read cursor.
 *
 * @param tier {@code small} or {@code large}: which features the conversation has (docs/protocol.md, Tiers)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConversationSummary(String conversationId, String kind, String title, boolean e2ee, int memberCount, long lastSeq,
                                  long lastActivityAt, long unreadCount, String role, String tier) {

    public static final String SMALL = "small";
    public static final String LARGE = "large";

    /** A summary of a small conversation, the only tier before tiers were declared (clients built against v1 use it). */
    public ConversationSummary(String conversationId, String kind, String title, boolean e2ee, int memberCount, long lastSeq,
                               long lastActivityAt, long unreadCount, String role) {
        this(conversationId, kind, title, e2ee, memberCount, lastSeq, lastActivityAt, unreadCount, role, SMALL);
    }
}
