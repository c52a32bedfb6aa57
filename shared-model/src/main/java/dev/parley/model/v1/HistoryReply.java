package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** history reply: oldest first; {@code hasMore} is true while older messages exist. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record HistoryReply(String conversationId, List<MessageEvent> messages, boolean hasMore) {
}
