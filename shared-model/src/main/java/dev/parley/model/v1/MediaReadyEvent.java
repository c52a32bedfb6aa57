package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Event {@code mediaReady}: sent to the uploader's devices when an upload has been verified and processed, and again when a later thumbnail adds a version. The media may now be sent in a message. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MediaReadyEvent(String conversationId, MediaDescriptor media) {
}
