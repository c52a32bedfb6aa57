package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;


/**
 * Event {@code conversationActivity}: a conversation this socket is not viewing has new messages, up to
 * {@code seq}; at most one per conversation per 30 s to a socket. {@code unreadHint} is how many the
 * member has not read as far as the server knew when it sent this (at least 1); clients that know their
 * read cursor compute {@code seq - readSeq} themselves, and catch up with sync or history when they open it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConversationActivityEvent(String conversationId, long seq, long unreadHint) {
}
