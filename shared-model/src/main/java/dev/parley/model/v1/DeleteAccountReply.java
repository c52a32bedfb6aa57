package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;


/** deleteAccount reply: what this call removed (a resumed call counts only what was still left). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeleteAccountReply(int leftConversations, int deletedMedia, int closedConnections) {
}
