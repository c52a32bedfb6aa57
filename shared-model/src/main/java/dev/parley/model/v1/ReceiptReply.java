package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;


/** markDelivered / markRead reply: the cursors after the request; {@code moved} is false when the request was a regression and was ignored. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReceiptReply(String conversationId, long readSeq, long deliveredSeq, long unreadCount, boolean moved) {
}
