package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;


/** sendMessage reply: where the message was stored and when (epoch milliseconds). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SendMessageReply(String conversationId, long seq, long sentAt) {
}
