package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;


/**
 * Event {@code receipt}: a member's cursors moved. {@code unreadCount} is present only on the user's
 * own other devices; {@code deviceId} is absent when the server recorded a delivery itself (a live
 * post of the message reached the member's device).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReceiptEvent(String conversationId, String userId, String deviceId, long readSeq, long deliveredSeq, Long unreadCount) {
}
