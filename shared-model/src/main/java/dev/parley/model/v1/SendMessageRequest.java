package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;


/** sendMessage: exactly one of {@code text} or ({@code ciphertext}, {@code alg}). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SendMessageRequest(String conversationId, String clientMessageId, String text, String ciphertext, String alg, Long replyToSeq) {
}
