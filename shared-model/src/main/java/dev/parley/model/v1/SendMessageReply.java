package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/**
 * sendMessage reply: where the message was stored and when (epoch milliseconds), and the other
 * members whose device got it live ({@code deliveredTo}: their delivered cursor is now {@code seq};
 * absent when none, on a retry, and in conversations without receipts).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SendMessageReply(String conversationId, long seq, long sentAt, List<String> deliveredTo) {

    public SendMessageReply(String conversationId, long seq, long sentAt) {
        this(conversationId, seq, sentAt, null);
    }
}
