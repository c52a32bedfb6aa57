package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** getMediaUrl: short-lived download URLs for a conversation's media, members only. {@code versions} defaults to every version the media has. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GetMediaUrlRequest(String conversationId, String mediaId, List<String> versions) {
}
