package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;


/** typing: {@code state} is "typing" (repeat every 3 seconds while typing) or "stopped". */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TypingRequest(String conversationId, String state) {
}
