package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;


/** revokeDevice reply: how many live connections of that device were closed. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RevokeDeviceReply(String deviceId, int closedConnections) {
}
