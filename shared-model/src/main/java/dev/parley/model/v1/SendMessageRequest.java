package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;


/**
 * sendMessage: exactly one of {@code text} or ({@code ciphertext}, {@code alg}); {@code text} may be left out
 * when {@code media} names at least one media id (up to Limits.MAX_MEDIA_PER_MESSAGE, ready, of this conversation).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SendMessageRequest(String conversationId, String clientMessageId, String text, String ciphertext, String alg, Long replyToSeq, List<String> media) {
}
