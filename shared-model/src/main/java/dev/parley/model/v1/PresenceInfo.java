package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;


/** A user's presence: {@code status} "online" or "offline"; {@code lastSeenAt} (epoch ms) when offline and known. Also the payload of event {@code presence}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PresenceInfo(String userId, String status, Long lastSeenAt) {
}
