package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;


/** listConversations: a page of the caller's conversations, newest activity first. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ListConversationsRequest(Integer limit, String cursor) {
}
