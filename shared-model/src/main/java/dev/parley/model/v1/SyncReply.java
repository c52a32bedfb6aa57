package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** sync reply: changed conversations, most recently active first; {@code removed} lists cursors of conversations the user is no longer in; {@code hasMore} asks for another sync with the updated cursors and the same {@code since}; {@code syncToken} is for the next sync once {@code hasMore} is false; {@code pushRegistrationRequired} is true when this device must call registerDevice again. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SyncReply(List<SyncedConversation> conversations, List<String> removed, boolean hasMore, String syncToken, Boolean pushRegistrationRequired) {
}
