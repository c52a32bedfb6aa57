package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;


/** Event {@code receipt}: a member's cursors moved. {@code unreadCount} is present only on the user's own other devices. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReceiptEvent(String conversationId, String userId, String deviceId, long readSeq, long deliveredSeq, Long unreadCount) {
}
