package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Event {@code mediaFailed}: sent to the uploader's devices when an upload was refused by processing. The object is deleted. {@code code} is one of MediaTypes.FAILURE_*; {@code reason} says what was wrong, for people. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MediaFailedEvent(String conversationId, String mediaId, String code, String reason) {
}
