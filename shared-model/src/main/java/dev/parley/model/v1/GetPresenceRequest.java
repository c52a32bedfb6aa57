package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** getPresence: up to Limits.MAX_PRESENCE_USERS user ids. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GetPresenceRequest(List<String> userIds) {
}
