package dev.parley.model.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;


/** unregisterDevice reply; {@code removed} is false when the device had no push registration. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UnregisterDeviceReply(String deviceId, boolean removed) {
}
