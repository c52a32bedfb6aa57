package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** One changed conversation in a sync reply: its summary, current members, the page of messages after the device's cursor (or the latest page for a conversation new to the device), the user's own cursors, and the other members' cursors in conversations of at most Limits.RECEIPTS_MAX_MEMBERS members. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SyncedConversation(ConversationSummary conversation, List<String> members, List<MessageEvent> messages, boolean hasMore, long readSeq, long deliveredSeq, boolean muted, List<MemberCursor> receipts) {
}
