package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;


/** markDelivered and markRead: move the caller's cursor up to {@code upToSeq}; cursors only move forward and never past the last seq. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MarkRequest(String conversationId, Long upToSeq) {
}
