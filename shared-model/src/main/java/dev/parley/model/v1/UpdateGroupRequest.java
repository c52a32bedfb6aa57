package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;


/** updateGroup: a group's new {@code title} and/or {@code postPolicy} ({@code everyone} or {@code admins}); absent: unchanged. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UpdateGroupRequest(String conversationId, String title, String postPolicy) {
}
