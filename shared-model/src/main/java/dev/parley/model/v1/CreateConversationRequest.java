package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/** createConversation: {@code kind} is direct or group; {@code e2ee} is fixed at creation. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CreateConversationRequest(String kind, List<String> members, String title, Boolean e2ee) {
}
